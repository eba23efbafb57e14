/** 值班电话: a union's duty desks, kept in the console, paged when an emergency arrives and again, one level up, when it waits past its hour. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../http/context';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn } from '../auth/auth.factories';
import { runQueuedJobs } from '../jobs/jobs.factories';
import { buildOrg, buildWorld, type BuiltOrg, type World } from '../orgs/orgs.factories';
import { buildCase, stepCase } from './cases.factories';
import { dutyPageJob, dutyPageText } from './duty';
import { sweepCases } from './sweep';

let t: TestApp;
let w: World;
let suqian: string, sucheng: string, street: string, jiangxi: string;

const H = 3_600_000;
const call = (cookie: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, payload, headers: { cookie } });
const pages = (caseId: number) =>
  t.db
    .selectFrom('case_events')
    .select(['actor_org_id', 'internal', 'details'])
    .where('case_id', '=', caseId)
    .where('action', '=', 'page')
    .orderBy('id')
    .execute();
const addPhone = (cookie: string, org: BuiltOrg, label: string, phone: string) =>
  call(cookie, 'POST', `/cases/settings/${org.id}/duty-phones`, { label, phone });

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  const account = async (org: BuiltOrg, role: string) => signIn(t, (await buildAccount(t, { org, role })).username);
  suqian = await account(w.suqian, 'org_admin');
  sucheng = await account(w.sucheng, 'org_admin');
  street = await account(w.street, 'org_admin');
  jiangxi = await account(w.jiangxi, 'org_admin');
});
afterAll(() => t.close());

describe('duty phones in the console', () => {
  it('are kept per union, sealed and masked, audited, and inherited by a union without its own', async () => {
    let res = await addPhone(sucheng, w.sucheng, '区总工会值班室', '137 6123 0001');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ org_id: w.sucheng.id, inherited: null, max: 5 });
    expect(res.json().items).toEqual([
      expect.objectContaining({ label: '区总工会值班室', phone_masked: '137****0001' }),
    ]);
    expect(res.headers['cache-control']).toContain('no-store');
    // Never in the clear at rest, nor in the audit trail.
    const row = await t.db
      .selectFrom('case_duty_phones')
      .selectAll()
      .where('org_id', '=', w.sucheng.id)
      .executeTakeFirstOrThrow();
    expect(row.phone_enc).not.toContain('13761230001');
    expect(t.deps.cipher.decrypt(row.phone_enc)).toBe('13761230001');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'case.duty_phone_added')
      .execute();
    expect(JSON.stringify(audit)).not.toContain('13761230001');
    expect(audit.at(-1)!.details).toMatchObject({ phone: '137****0001', label: '区总工会值班室' });

    // The street has none of its own: the district's desks page for it, and the console says so.
    res = await call(street, 'GET', `/cases/settings/${w.street.id}/duty-phones`);
    expect(res.json()).toMatchObject({
      items: [],
      inherited: { org: { id: w.sucheng.id, name: w.sucheng.name }, items: [{ phone_masked: '137****0001' }] },
    });
    // The same number twice is a conflict; a bad number or an empty label names its field.
    expect((await addPhone(sucheng, w.sucheng, '值班领导', '13761230001')).statusCode).toBe(409);
    res = await addPhone(sucheng, w.sucheng, '值班领导', '12345');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toHaveProperty('phone');
    expect(JSON.stringify(res.json())).not.toContain('12345');
    res = await addPhone(sucheng, w.sucheng, '   ', '13761230002');
    expect(res.json().error.fields).toHaveProperty('label');
    // Out of scope reads as missing, for reading and for writing.
    expect((await call(jiangxi, 'GET', `/cases/settings/${w.sucheng.id}/duty-phones`)).statusCode).toBe(404);
    expect((await addPhone(street, w.sucheng, '值班室', '13761230003')).statusCode).toBe(404);
  });

  it('holds at most five per union, even when adds race', async () => {
    const org = await buildOrg(t, { parent: w.street, name: '值班上限测试工会' });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => addPhone(street, org, `值班岗${i}`, `1376124${String(i).padStart(4, '0')}`)),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(5);
    expect(results.filter((r) => r.statusCode === 422)).toHaveLength(3);
    const view = (await call(street, 'GET', `/cases/settings/${org.id}/duty-phones`)).json();
    expect(view.items).toHaveLength(5);
    // Removing one frees a place; removing another org's (or a missing one) is 404.
    const [first] = view.items;
    expect(
      (await call(street, 'DELETE', `/cases/settings/${org.id}/duty-phones/${first.id}`)).json().items,
    ).toHaveLength(4);
    expect((await call(street, 'DELETE', `/cases/settings/${org.id}/duty-phones/${first.id}`)).statusCode).toBe(404);
    const other = (await call(sucheng, 'GET', `/cases/settings/${w.sucheng.id}/duty-phones`)).json().items[0];
    expect((await call(street, 'DELETE', `/cases/settings/${org.id}/duty-phones/${other.id}`)).statusCode).toBe(404);
    expect((await addPhone(street, org, '值班岗9', '13761249999')).statusCode).toBe(201);
  });
});

describe('the emergency page', () => {
  it('texts the receiving union’s desks as an emergency arrives, once, with no personal data', async () => {
    await runQueuedJobs(t, dutyPageJob); // earlier tests' pages
    const sent = t.sms.length;
    const { id, tracking_no } = await buildCase(t, {
      receivingOrgId: w.sucheng.id,
      kind: 'help',
      subject: 'emergency_relief',
      description: '工友从脚手架摔下，需要紧急救助，联系人王建国。',
      phone: '13900001111',
      name: '王建国',
      emergency: true,
    });
    // Not an emergency: nothing to page.
    await buildCase(t, { receivingOrgId: w.sucheng.id });
    expect(await runQueuedJobs(t, dutyPageJob)).toBe(1);
    expect(await runQueuedJobs(t, dutyPageJob)).toBe(0);
    const texts = t.sms.slice(sent);
    expect(texts.map((m) => m.phone)).toEqual(['13761230001']);
    expect(texts[0]!.text).toContain(tracking_no);
    expect(texts[0]!.text).toContain('宿城区');
    for (const leak of ['王建国', '13900001111', '脚手架']) expect(texts[0]!.text).not.toContain(leak);
    expect(await pages(id)).toEqual([
      {
        actor_org_id: w.sucheng.id,
        internal: true,
        details: expect.objectContaining({ reason: 'received', sent: 1, to: ['137****0001'], org_id: w.sucheng.id }),
      },
    ]);
    // The requester's timeline never shows it.
    const { PUBLIC_EVENTS } = await import('../../../common/cases');
    expect(PUBLIC_EVENTS.has('page')).toBe(false);
  });

  it('pages the union above when the hour passes undispatched, once however often the sweep runs; not once dispatched', async () => {
    expect((await addPhone(suqian, w.suqian, '市总工会值班室', '13761230099')).statusCode).toBe(201);
    const received = new Date('2026-11-24T22:10:00+08:00');
    const late = await buildCase(t, { receivingOrgId: w.sucheng.id, emergency: true, now: received });
    const onTime = await buildCase(t, { receivingOrgId: w.sucheng.id, emergency: true, now: received });
    await stepCase(
      t,
      onTime.id,
      'dispatch',
      'dispatcher',
      { org_id: w.street.id },
      new Date(received.getTime() + 30 * 60_000),
    );
    await runQueuedJobs(t, dutyPageJob);
    const sent = t.sms.length;
    const sweep = (now: Date) => sweepCases(systemContext(t.deps), { now });
    await sweep(new Date(received.getTime() + 59 * 60_000));
    expect(await runQueuedJobs(t, dutyPageJob)).toBe(0);
    await sweep(new Date(received.getTime() + H));
    await sweep(new Date(received.getTime() + 2 * H));
    expect(await runQueuedJobs(t, dutyPageJob)).toBe(1);
    const texts = t.sms.slice(sent);
    expect(texts.map((m) => m.phone)).toEqual(['13761230099']);
    expect(texts[0]!.text).toContain(late.tracking_no);
    expect(texts[0]!.text).toContain('超过 1 小时仍未派单');
    expect((await pages(late.id)).map((p) => p.details)).toEqual([
      expect.objectContaining({ reason: 'received', sent: 1 }),
      expect.objectContaining({ reason: 'undispatched', sent: 1, org_id: w.suqian.id, to: ['137****0099'] }),
    ]);
    expect((await pages(onTime.id)).map((p) => p.details.reason)).toEqual(['received']);
  });

  it('records that no desk was set when none applies up the tree', async () => {
    const lone = await buildOrg(t, { parent: w.jiangxi, name: '无值班电话工会' });
    const { id } = await buildCase(t, { receivingOrgId: lone.id, emergency: true });
    const sent = t.sms.length;
    expect(await runQueuedJobs(t, dutyPageJob)).toBe(1);
    expect(t.sms.length).toBe(sent);
    expect((await pages(id))[0]!.details).toMatchObject({ reason: 'received', sent: 0, to: [] });
  });

  it('words the two pages for the desk that gets them', () => {
    const c = {
      tracking_no: 'GD261124ABC123',
      kind: 'help' as const,
      dispatch_due_at: new Date('2026-11-24T15:10:00Z'),
    };
    expect(dutyPageText('received', c, '宿城区总工会')).toBe(
      '【工会服务平台】宿城区总工会收到紧急帮扶求助诉求（工单号 GD261124ABC123），须在 23:10 前派单。请登录工作台「待派单」立即处理。',
    );
    expect(dutyPageText('undispatched', c, '宿迁市总工会')).toContain('宿迁市总工会的紧急帮扶求助诉求');
  });
});
