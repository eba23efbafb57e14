import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn } from '../auth/auth.factories';
import { buildWorld, type World } from '../orgs/orgs.factories';
import { createTestApp, type TestApp } from '../../testing/test-app';

interface Entry {
  action: string;
  entity_id: string | null;
  details: Record<string, unknown> | null;
  org_names?: Record<string, string>;
}

let t: TestApp;
let w: World;
let adminCookie: string, countyCookie: string, jiangxiCookie: string;
let movedId: number, childId: number;

const post = async (cookie: string, url: string, payload: object) => {
  const res = await t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
};
const audit = async (cookie: string) => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit?limit=200', headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Entry[];
};
const entry = (items: Entry[], action: string) => {
  const found = items.find((e) => e.action === action && e.entity_id === String(movedId));
  expect(found, action).toBeDefined();
  return found!;
};
/** Every whole number written anywhere in what the viewer gets about orgs: details and the names' keys. */
const numbersIn = (items: Entry[]) =>
  new Set(
    items.flatMap((e) =>
      [...JSON.stringify([e.details, Object.keys(e.org_names ?? {})]).matchAll(/\d+/g)].map((m) => Number(m[0])),
    ),
  );

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  await buildAccount(t, { org: w.root, role: 'national_admin', username: 'scope_national' });
  await buildAccount(t, { org: w.sucheng, role: 'org_admin', username: 'scope_county' });
  await buildAccount(t, { org: w.jiangxi, role: 'org_admin', username: 'scope_jiangxi' });
  adminCookie = await signIn(t, 'scope_national');
  countyCookie = await signIn(t, 'scope_county');
  jiangxiCookie = await signIn(t, 'scope_jiangxi');
  // An org of another province, with a child, moved by the national admin into the county's street
  // and recoded to the county's region on the way.
  const org = { type: 'enterprise_union', region_code: '360000' };
  movedId = (await post(adminCookie, '/api/v1/orgs', { ...org, parent_id: w.jiangxi.id, name: '江西迁来某工会' })).id;
  childId = (await post(adminCookie, '/api/v1/orgs', { ...org, parent_id: movedId, name: '江西迁来某分会' })).id;
  await post(adminCookie, `/api/v1/orgs/${movedId}/move`, { parent_id: w.street.id, region_code: '321302' });
});
afterAll(() => t?.close());

describe('ids and paths outside the viewer’s scope', () => {
  it('read as "…" to the receiving county, in every detail', async () => {
    const items = await audit(countyCookie);
    const moved = entry(items, 'org.moved');
    expect(moved.details).toMatchObject({
      from_parent_id: '…',
      to_parent_id: w.street.id,
      from_path: `….${movedId}`,
      changes: { descendants_region: { org_ids: [childId] } },
    });
    const outside = [w.root.id, w.jiangxi.id, w.jiangsu.id, w.suqian.id];
    const seen = numbersIn(items);
    for (const id of outside) expect(seen.has(id), `org #${id} is outside the county`).toBe(false);
    // Paths (from_path, org paths) name no ancestor beyond the scope; times are left out, where "21.6" may appear.
    expect(JSON.stringify(items.map((e) => [e.details, e.org_names]))).not.toContain(`${w.root.id}.${w.jiangxi.id}`);
  });

  it('read as "…" to the province it left, for where it went', async () => {
    const left = entry(await audit(jiangxiCookie), 'org.moved_away');
    expect(left.details).toMatchObject({
      from_parent_id: w.jiangxi.id,
      to_parent_id: '…',
      from_path: `….${w.jiangxi.id}.${movedId}`,
    });
    // Recoded where it arrived, the descendants are no longer the province's to know.
    expect(left.details).toMatchObject({ changes: { descendants_region: { org_ids: ['…'] } } });
  });

  it('are all shown to the national admin', async () => {
    const moved = entry(await audit(adminCookie), 'org.moved');
    expect(moved.details).toMatchObject({
      from_parent_id: w.jiangxi.id,
      to_parent_id: w.street.id,
      from_path: `${w.root.id}.${w.jiangxi.id}.${movedId}`,
      changes: { descendants_region: { org_ids: [childId] } },
    });
    expect(moved.org_names).toMatchObject({ [w.jiangxi.id]: '江西省总工会', [w.street.id]: '幸福街道总工会' });
  });
});
