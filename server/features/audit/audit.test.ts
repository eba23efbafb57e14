import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn } from '../auth/auth.factories';
import { buildWorld, type BuiltOrg } from '../orgs/orgs.factories';
import { createTestApp, type TestApp } from '../../testing/test-app';

interface AuditItem {
  id: number;
  at: string;
  action: string;
  actor_label: string;
  entity_type: string | null;
  entity_id: string | null;
  entity_name?: string | null;
  org_names?: Record<string, string>;
}

let t: TestApp;
let root: BuiltOrg, suqian: BuiltOrg, sucheng: BuiltOrg, street: BuiltOrg, jiangxi: BuiltOrg;
let adminCookie: string, suchengCookie: string, jiangxiCookie: string, viewerCookie: string;
let suchengOrgId: number, jiangxiOrgId: number;

const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const items = async (url: string, cookie: string): Promise<AuditItem[]> => {
  const res = await get(url, cookie);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
};
const createOrg = async (cookie: string, parent: BuiltOrg, name: string, region_code = '321302'): Promise<number> => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/orgs',
    headers: { cookie },
    payload: { parent_id: parent.id, name, type: 'enterprise_union', region_code },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
};
const auditCount = async () =>
  (
    await t.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

beforeAll(async () => {
  t = await createTestApp();
  ({ root, suqian, sucheng, street, jiangxi } = await buildWorld(t));
  await buildAccount(t, { org: root, role: 'national_admin', username: 'admin' });
  await buildAccount(t, { org: sucheng, role: 'org_admin', username: 'sucheng' });
  await buildAccount(t, { org: jiangxi, role: 'org_admin', username: 'jiangxi' });
  await buildAccount(t, { org: sucheng, role: 'viewer', username: 'sucheng_viewer' });
  adminCookie = await signIn(t, 'admin');
  suchengCookie = await signIn(t, 'sucheng');
  jiangxiCookie = await signIn(t, 'jiangxi');
  viewerCookie = await signIn(t, 'sucheng_viewer');
  suchengOrgId = await createOrg(suchengCookie, street, '宿城某物流公司工会');
  jiangxiOrgId = await createOrg(jiangxiCookie, jiangxi, '南昌某快递公司工会', '360000');
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'no_such_user', password: 'Wrong#Pass2026' },
    remoteAddress: '10.4.0.1',
  });
});
afterAll(() => t?.close());

describe('the audit log is append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    const before = await auditCount();
    expect(before).toBeGreaterThan(0);
    await expect(sql`UPDATE audit_log SET action = 'tampered'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    expect(await auditCount()).toBe(before);
    const tampered = await t.db.selectFrom('audit_log').select('id').where('action', '=', 'tampered').execute();
    expect(tampered).toEqual([]);
  });
});

describe('the audit view', () => {
  it('shows a union admin the entries of its subtree only', async () => {
    const mine = await items('/api/v1/audit?limit=200', suchengCookie);
    const created = mine.filter((e) => e.action === 'org.created').map((e) => e.entity_id);
    expect(created).toEqual([String(suchengOrgId)]);
    expect(mine.some((e) => e.actor_label === 'no_such_user')).toBe(false);
    expect(mine.some((e) => e.actor_label.includes('(jiangxi)'))).toBe(false);
    const theirs = await items('/api/v1/audit?limit=200', jiangxiCookie);
    expect(theirs.filter((e) => e.action === 'org.created').map((e) => e.entity_id)).toEqual([String(jiangxiOrgId)]);
  });

  it('shows a national admin everything, including failed sign-ins of unknown usernames', async () => {
    const all = await items('/api/v1/audit?limit=200', adminCookie);
    expect(
      all
        .filter((e) => e.action === 'org.created')
        .map((e) => e.entity_id)
        .sort(),
    ).toEqual([String(suchengOrgId), String(jiangxiOrgId)].sort());
    expect(all).toContainEqual(
      expect.objectContaining({
        action: 'auth.login_failed',
        actor_label: '未知用户名 no…（12 字符）',
        entity_type: null,
      }),
    );
  });

  it('gives an account without audit.read an empty list, not other people’s entries', async () => {
    const res = await get('/api/v1/audit', viewerCookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [], next_cursor: null });
  });
});

describe('filters and paging', () => {
  beforeAll(async () => {
    // Four entries around midnight in Beijing time (UTC+8): days are Asia/Shanghai days.
    const at = [
      '2025-03-09T23:59:00+08:00',
      '2025-03-10T00:00:00+08:00',
      '2025-03-10T23:59:59+08:00',
      '2025-03-11T00:00:00+08:00',
    ];
    for (const [i, when] of at.entries()) {
      await t.db
        .insertInto('audit_log')
        .values({
          at: new Date(when),
          actor_label: '测试',
          action: 'test.dated',
          entity_type: 'sample',
          entity_id: 'ABCD'[i]!,
          org_path: street.path,
        })
        .execute();
    }
  });

  it('filters by action prefix, treating % and _ literally', async () => {
    const orgEntries = await items('/api/v1/audit?action=org.&limit=200', adminCookie);
    expect(orgEntries.length).toBeGreaterThan(0);
    expect(orgEntries.every((e) => e.action.startsWith('org.'))).toBe(true);
    expect(await items('/api/v1/audit?action=%25', adminCookie)).toEqual([]);
    expect(await items('/api/v1/audit?action=org_', adminCookie)).toEqual([]);
  });

  it('filters by entity', async () => {
    const res = await items(`/api/v1/audit?entity_type=org&entity_id=${suchengOrgId}`, adminCookie);
    expect(res.map((e) => [e.action, e.entity_id])).toEqual([['org.created', String(suchengOrgId)]]);
  });

  it('filters by days in Beijing time, both ends included', async () => {
    const ids = async (query: string) =>
      (await items(`/api/v1/audit?action=test.dated&${query}`, suchengCookie)).map((e) => e.entity_id);
    expect(await ids('from=2025-03-10&to=2025-03-10')).toEqual(['C', 'B']);
    expect(await ids('from=2025-03-11')).toEqual(['D']);
    expect(await ids('to=2025-03-09')).toEqual(['A']);
    const bad = await get('/api/v1/audit?from=2025-13-01', suchengCookie);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.fields).toHaveProperty('from');
  });

  it('pages newest first with a cursor, each entry once', async () => {
    const all = await items('/api/v1/audit?limit=200', suchengCookie);
    expect(all.length).toBeGreaterThan(4);
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: AuditItem[]; next_cursor: string | null } = (
        await get(`/api/v1/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`, suchengCookie)
      ).json();
      seen.push(...page.items.map((e) => e.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));
  });
});

describe('names in the audit view', () => {
  let movedInId: number, movedOutId: number, clerkId: number;
  const find = (list: AuditItem[], action: string, entityId: number) => {
    const entry = list.find((e) => e.action === action && e.entity_id === String(entityId));
    expect(entry, `${action} #${entityId}`).toBeDefined();
    return entry!;
  };
  const asAdmin = async (method: 'POST' | 'PATCH', url: string, payload: object) => {
    const res = await t.app.inject({ method, url, headers: { cookie: adminCookie }, payload });
    expect(res.statusCode, res.body).toBeLessThan(300);
  };

  beforeAll(async () => {
    // The national admin moves an org from the root into 宿城's street and renames it there;
    // moves one 宿城 created up to 宿迁 (out of 宿城's scope) and renames it there; and gives a
    // 江西 account a role on the street. 宿城 then sees rows that mention records it may not name.
    movedInId = await createOrg(adminCookie, root, '全总直属某公司工会');
    await asAdmin('POST', `/api/v1/orgs/${movedInId}/move`, { parent_id: street.id });
    await asAdmin('PATCH', `/api/v1/orgs/${movedInId}`, { name: '宿城迁入某公司工会' });
    movedOutId = await createOrg(suchengCookie, street, '宿城某后迁工会');
    await asAdmin('POST', `/api/v1/orgs/${movedOutId}/move`, { parent_id: suqian.id });
    await asAdmin('PATCH', `/api/v1/orgs/${movedOutId}`, { name: '宿迁某迁出工会' });
    clerkId = (await buildAccount(t, { org: jiangxi, role: 'viewer', username: 'nanchang_clerk' })).id;
    const viewer = await t.db.selectFrom('roles').select('id').where('code', '=', 'viewer').executeTakeFirstOrThrow();
    await asAdmin('POST', `/api/v1/accounts/${clerkId}/grants`, { org_id: street.id, role_id: viewer.id });
  });

  it('names the org or account an entry is about, and the orgs its details mention', async () => {
    const mine = await items('/api/v1/audit?limit=200', suchengCookie);
    expect(find(mine, 'org.created', suchengOrgId)).toMatchObject({
      entity_name: '宿城某物流公司工会',
      org_names: { [street.id]: '幸福街道总工会' },
    });
    const signedIn = mine.find((e) => e.action === 'auth.login' && e.actor_label.endsWith('(sucheng)'));
    expect(signedIn?.entity_name).toMatch(/^测试用户\d+\(sucheng\)$/);
    // Its current name; of the old and new parents and the old path only what lies in 宿城's scope.
    const moved = find(mine, 'org.moved', movedInId);
    expect(moved.entity_name).toBe('宿城迁入某公司工会');
    expect(moved.org_names).toEqual({ [street.id]: '幸福街道总工会', [movedInId]: '宿城迁入某公司工会' });
    const theirs = await items('/api/v1/audit?limit=200', jiangxiCookie);
    expect(find(theirs, 'org.created', jiangxiOrgId)).toHaveProperty('entity_name', '南昌某快递公司工会');
  });

  it('never names a record outside the viewer’s scope', async () => {
    const res = await get('/api/v1/audit?limit=200', suchengCookie);
    const mine: AuditItem[] = res.json().items;
    // The 江西 account granted a role on the street: the row shows, the account stays a bare id.
    const granted = find(mine, 'grant.added', clerkId);
    expect(granted.entity_name).toBeNull();
    expect(granted.org_names).toEqual({ [street.id]: '幸福街道总工会' });
    // 宿城 still sees the creation of the org it has lost, and that it left, but not what it is called now.
    expect(find(mine, 'org.created', movedOutId).entity_name).toBeNull();
    expect(find(mine, 'org.moved_away', movedOutId)).toMatchObject({ entity_name: null });
    for (const name of ['nanchang_clerk', '宿迁某迁出工会', '中华全国总工会', '宿迁市总工会', '江西省总工会'])
      expect(res.body).not.toContain(name);

    const theirs = await get('/api/v1/audit?limit=200', jiangxiCookie);
    for (const name of ['宿城迁入某公司工会', '宿城某物流公司工会', '幸福街道总工会'])
      expect(theirs.body).not.toContain(name);
  });

  it('names only what the viewer could read itself: an auditor holding audit.read alone sees ids', async () => {
    const role = await t.app.inject({
      method: 'POST',
      url: '/api/v1/roles',
      headers: { cookie: adminCookie },
      payload: { code: 'auditor_only', name: '审计员', name_en: 'Auditor', permissions: ['audit.read'] },
    });
    expect(role.statusCode, role.body).toBe(201);
    await buildAccount(t, { org: sucheng, role: 'auditor_only', username: 'sucheng_auditor' });
    const res = await get('/api/v1/audit?limit=200', await signIn(t, 'sucheng_auditor'));
    const list: AuditItem[] = res.json().items;
    expect(find(list, 'org.created', suchengOrgId)).toMatchObject({ entity_name: null });
    // (What the entries themselves recorded, such as a name at creation, is theirs to read.)
    expect(list.every((e) => e.entity_name === null && e.org_names === undefined)).toBe(true);
  });
});

describe('bad filter values', () => {
  it('answer 422 naming the field, never 500', async () => {
    for (const [query, field] of [
      ['account_id=99999999999', 'account_id'],
      ['from=0000-01-01', 'from'],
      ['to=1000-01-01', 'to'],
      ['from=2026-13-01', 'from'],
    ] as const) {
      const res = await get(`/api/v1/audit?${query}`, adminCookie);
      expect(res.statusCode, query).toBe(422);
      expect(res.json().error.fields, query).toHaveProperty(field);
    }
  });
});
