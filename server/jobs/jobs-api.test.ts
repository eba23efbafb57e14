/**
 * The job runs' API as cadres use it: a run's progress and result while and after it runs, who
 * sees which runs (the starter, holders of the job's permission there, national admins for the
 * deployment's own runs), cancelling a queued and a running run, and 409 once it has ended.
 */
import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountActor } from '../http/actor';
import { defineJob } from './job';
import { createRunner } from './runner';
import { createTestApp, type TestApp } from '../testing/test-app';
import { buildAccount } from '../features/accounts/accounts.factories';
import { signIn } from '../features/auth/auth.factories';
import { buildWorld, type World } from '../features/orgs/orgs.factories';
import { enqueueJob } from '../features/jobs/enqueue';
import { buildJobRun, noopJob } from '../features/jobs/jobs.factories';

let t: TestApp;
let w: World;
let ids: { national: number; suchengAdmin: number; suchengViewer: number; jiangxiAdmin: number };
let cookies: Record<keyof typeof ids, string>;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  ids = {
    national: (await buildAccount(t, { org: w.root, role: 'national_admin', username: 'j_national' })).id,
    suchengAdmin: (await buildAccount(t, { org: w.sucheng, role: 'org_admin', username: 'j_sucheng' })).id,
    suchengViewer: (await buildAccount(t, { org: w.sucheng, role: 'viewer', username: 'j_viewer' })).id,
    jiangxiAdmin: (await buildAccount(t, { org: w.jiangxi, role: 'org_admin', username: 'j_jiangxi' })).id,
  };
  cookies = {
    national: await signIn(t, 'j_national'),
    suchengAdmin: await signIn(t, 'j_sucheng'),
    suchengViewer: await signIn(t, 'j_viewer'),
    jiangxiAdmin: await signIn(t, 'j_jiangxi'),
  };
});
afterAll(() => t?.close());

const get = (who: keyof typeof ids, url: string) =>
  t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie: cookies[who] } });
const cancel = (who: keyof typeof ids, id: number) =>
  t.app.inject({ method: 'POST', url: `/api/v1/jobs/${id}/cancel`, headers: { cookie: cookies[who] } });
const asAccount = (accountId: number) => ({ db: t.db, actor: { kind: 'account', accountId } as AccountActor });
const listedIds = async (who: keyof typeof ids, query = '') =>
  ((await get(who, `/jobs${query}`)).json() as { items: Array<{ id: number }> }).items.map((r) => r.id);

describe('a run seen through the API', () => {
  it('shows progress with its message while running, then the result', async () => {
    let step = () => {};
    const importer = defineJob({
      name: 'test.import',
      payload: Type.Object({ rows: Type.Integer() }),
      async run(ctx, { rows }) {
        await ctx.progress(40, '已校验 400/1000 行');
        await new Promise<void>((r) => (step = r));
        return { imported: rows };
      },
    });
    const id = await enqueueJob(asAccount(ids.suchengViewer), importer, { rows: 1000 }, { orgId: w.sucheng.id });
    const running = createRunner(t.deps, [importer], { progressEveryMs: 0 }).runNext();
    for (let i = 0; i < 300 && (await get('suchengViewer', `/jobs/${id}`)).json().progress !== 40; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect((await get('suchengViewer', `/jobs/${id}`)).json()).toMatchObject({
      id,
      name: 'test.import',
      state: 'running',
      progress: 40,
      progress_message: '已校验 400/1000 行',
      org_name: '宿城区总工会',
      is_mine: true,
      can_cancel: true,
      attempts: 1,
    });
    step();
    await running;
    const done = (await get('suchengViewer', `/jobs/${id}`)).json();
    expect(done).toMatchObject({ state: 'succeeded', progress: 100, result: { imported: 1000 }, error: null });
    expect(done.finished_at).not.toBeNull();
    expect(done.can_cancel).toBe(false);
    // The org's admin (audit.read there) sees it too, with the starter named: the starter's org is in scope.
    expect((await get('suchengAdmin', `/jobs/${id}`)).json()).toMatchObject({ is_mine: false });
    expect((await get('suchengAdmin', `/jobs/${id}`)).json().started_by_label).not.toBe('管理范围外的工作人员');
  });

  it('is seen by its starter, by holders of the permission over its org, and by no one else', async () => {
    const mine = await buildJobRun(t, { orgId: w.street.id, startedBy: ids.suchengViewer });
    const atStreet = await buildJobRun(t, { orgId: w.street.id });
    const deploymentWide = await buildJobRun(t);
    const national = await listedIds('national', '?name=test.noop');
    expect(national).toEqual(expect.arrayContaining([mine, atStreet, deploymentWide]));
    expect(await listedIds('suchengAdmin', '?name=test.noop')).toEqual(expect.arrayContaining([mine, atStreet]));
    expect(await listedIds('suchengAdmin', '?name=test.noop')).not.toContain(deploymentWide);
    expect(await listedIds('suchengViewer', '?name=test.noop')).toEqual([mine]);
    expect(await listedIds('jiangxiAdmin', '?name=test.noop')).toEqual([]);
    // Out of sight is exactly as missing.
    const hidden = await get('jiangxiAdmin', `/jobs/${atStreet}`);
    const missing = await get('jiangxiAdmin', '/jobs/999999');
    expect([hidden.statusCode, hidden.body]).toEqual([404, missing.body]);
    expect((await get('national', `/jobs/${deploymentWide}`)).json().started_by_label).toBe('系统');
  });

  it('a starter from above is not named to those below', async () => {
    const fromAbove = await buildJobRun(t, { orgId: w.street.id, startedBy: ids.national });
    expect((await get('suchengAdmin', `/jobs/${fromAbove}`)).json().started_by_label).toBe('管理范围外的工作人员');
  });

  it('filters by name and state, newest first, one page at a time', async () => {
    const a = await buildJobRun(t, { orgId: w.sucheng.id });
    const b = await buildJobRun(t, { orgId: w.sucheng.id });
    const page = (await get('national', '/jobs?name=test.noop&state=queued&limit=1')).json();
    expect(page.items.map((r: { id: number }) => r.id)).toEqual([b]);
    const next = (await get('national', `/jobs?name=test.noop&state=queued&limit=1&cursor=${page.next_cursor}`)).json();
    expect(next.items.map((r: { id: number }) => r.id)).toEqual([a]);
    expect((await get('national', '/jobs?state=done')).statusCode).toBe(422);
  });
});

describe('cancel', () => {
  it('a queued run never starts; cancelling it again answers 409; the cancel is audited', async () => {
    const id = await buildJobRun(t, { orgId: w.sucheng.id });
    const res = await cancel('suchengAdmin', id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'cancelled', can_cancel: false });
    const again = await cancel('suchengAdmin', id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('任务已经结束，不能取消');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'account_id'])
      .where('entity_type', '=', 'job')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit).toEqual([{ action: 'job.cancelled', account_id: ids.suchengAdmin }]);
    const runner = createRunner(t.deps, [noopJob]);
    while (await runner.runNext());
    expect((await get('national', `/jobs/${id}`)).json().state).toBe('cancelled');
  });

  it('a running run is aborted on the node that runs it, at its next progress report', async () => {
    let stoppedBy = '';
    const sweep = defineJob({
      name: 'test.sweep',
      payload: Type.Object({}),
      async run(ctx) {
        for (let i = 0; !ctx.signal.aborted; i++) {
          await ctx.progress(i % 100, `已扫描 ${i} 件`);
          await new Promise((r) => setTimeout(r, 5));
        }
        stoppedBy = (ctx.signal.reason as Error).message;
        throw ctx.signal.reason;
      },
    });
    const id = await enqueueJob(asAccount(ids.suchengViewer), sweep, {}, { orgId: w.sucheng.id });
    const running = createRunner(t.deps, [sweep], { progressEveryMs: 0 }).runNext();
    for (let i = 0; i < 300 && (await get('suchengViewer', `/jobs/${id}`)).json().state !== 'running'; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect((await cancel('suchengViewer', id)).statusCode).toBe(200);
    await running;
    expect(stoppedBy).toBe('任务已取消');
    expect((await get('suchengViewer', `/jobs/${id}`)).json()).toMatchObject({ state: 'cancelled', error: null });
  });

  it('out of sight answers 404 like a missing run', async () => {
    const id = await buildJobRun(t, { orgId: w.sucheng.id });
    const res = await cancel('jiangxiAdmin', id);
    expect([res.statusCode, res.body]).toEqual([404, (await cancel('jiangxiAdmin', 999_999)).body]);
    expect((await cancel('suchengViewer', id)).statusCode).toBe(404); // viewer: no audit.read, not the starter
  });
});
