import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext, withTransaction } from '../../http/context';
import type { DemoWorld } from '../../http/feature';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn } from '../auth/auth.factories';
import { buildOrg, buildWorld, type BuiltOrg } from '../orgs/orgs.factories';
import { seedDemoJoins } from './seed';

let t: TestApp;
const world: DemoWorld = { orgIds: new Map() };
let sucheng: BuiltOrg, xingfu: BuiltOrg;
beforeAll(async () => {
  t = await createTestApp();
  // The part of the demo tree the joins' seed uses (the whole tree takes seconds to seed).
  const w = await buildWorld(t);
  sucheng = w.sucheng;
  xingfu = w.street;
  const delivery = await buildOrg(t, { parent: sucheng, type: 'industry_federation' });
  const orgs: Record<string, BuiltOrg> = {
    'js.sq.sc': sucheng,
    'js.sq.sc.pool': await buildOrg(t, { parent: sucheng, type: 'holding_pool' }),
    'js.sq.sc.xf': xingfu,
    'js.sq.sc.xf.yh': await buildOrg(t, { parent: xingfu, type: 'community_union' }),
    'js.sq.sc.delivery': delivery,
    'js.sq.sc.delivery.meituan': await buildOrg(t, { parent: delivery }),
    'js.sq.sc.delivery.eleme': await buildOrg(t, { parent: delivery }),
  };
  for (const [key, org] of Object.entries(orgs)) world.orgIds.set(key, org.id);
  await withTransaction(systemContext(t.deps), (tx) => seedDemoJoins(tx, world));
});
afterAll(() => t.close());

describe('the demo joins', () => {
  it('leave work waiting for 宿城’s reviewers: joins to review, pooled workers to place, decided ones with reasons', async () => {
    await buildAccount(t, { org: sucheng, role: 'org_admin', username: 'demo_sc' });
    await buildAccount(t, { org: xingfu, role: 'org_admin', username: 'demo_xf' });
    const county = await signIn(t, 'demo_sc');
    const street = await signIn(t, 'demo_xf');
    const get = async (url: string, cookie: string) => (await t.app.inject({ url, headers: { cookie } })).json();

    const counts = await get('/api/v1/joins/counts', county);
    expect(counts.pending.count).toBe(6);
    expect(counts.pooled.count).toBe(7);
    expect(counts.pooled.oldest_age_hours).toBeGreaterThanOrEqual(200);
    expect((await get('/api/v1/joins/counts', street)).pending.count).toBe(6);
    const decided = (await get('/api/v1/joins?queue=decided', county)).items as Array<Record<string, unknown>>;
    expect(decided.filter((i) => i.status === 'refused').every((i) => typeof i.refusal_reason === 'string')).toBe(true);
    expect(decided.filter((i) => i.placed_org_name).map((i) => i.placed_org_name)).toHaveLength(2);
    // The platform site unions approve at once: a QR drive makes members there without review.
    const meituan = await get(`/api/v1/joins/settings/${world.orgIds.get('js.sq.sc.delivery.meituan')}`, county);
    expect(meituan.auto_approve).toBe(true);
  });
});
