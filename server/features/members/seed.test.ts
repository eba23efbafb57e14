import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoWorld } from '../../http/feature';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { buildDemoWorld } from '../orgs/orgs.factories';
import { seedDemoMembers } from './seed';

let t: TestApp;
let world: DemoWorld;
beforeAll(async () => {
  t = await createTestApp();
  world = await buildDemoWorld(t, seedDemoMembers);
});
afterAll(() => t.close());

describe('the demo members', () => {
  it('fill the demo tree: riders and couriers in 宿城, a pool waiting, honours, hardship, a few lapsed', async () => {
    const count = (q: { n: number | string }) => Number(q.n);
    const all = await t.db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(count(all as { n: number })).toBeGreaterThanOrEqual(200);
    const pooled = await t.db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('org_id', '=', world.orgIds.get('js.sq.sc.pool')!)
      .executeTakeFirstOrThrow();
    expect(count(pooled as { n: number })).toBeGreaterThan(20);
    const lapsed = await t.db.selectFrom('members').select('id').where('status', '=', 'lapsed').execute();
    expect(lapsed.length).toBe(3);
    const honours = await t.db.selectFrom('member_honours').select(['kind', 'title', 'year']).execute();
    expect(new Set(honours.map((h) => h.kind))).toEqual(
      new Set(['model_worker', 'craftsman', 'may_day_medal', 'technical_expert']),
    );
    expect(honours).toContainEqual({ kind: 'model_worker', title: '全国劳动模范', year: 2020 });
    expect(honours).toContainEqual({ kind: 'craftsman', title: '江苏工匠', year: 2023 });
    const hardship = await t.db.selectFrom('members').select('id').where('hardship_level', 'is not', null).execute();
    expect(hardship.length).toBe(4);
  });

  it('use test ID numbers only (address prefix 99)', async () => {
    const regions = await t.db.selectFrom('members').select('id_region_code').distinct().execute();
    expect(regions.every((r) => r.id_region_code.startsWith('99'))).toBe(true);
  });
});
