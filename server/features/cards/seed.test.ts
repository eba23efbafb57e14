import { afterAll, beforeAll, expect, it } from 'vitest';
import { MEMBER_ORG_TYPES } from '../../../common/org-types';
import type { DemoWorld } from '../../http/feature';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { buildDemoWorld } from '../orgs/orgs.factories';
import { DEMO_CARD_ORG, seedDemoCards } from './seed';

let t: TestApp;
let world: DemoWorld;
beforeAll(async () => {
  t = await createTestApp();
  world = await buildDemoWorld(t, seedDemoCards);
});
afterAll(() => t.close());

it('puts the demo card member 李师傅 in a grassroots union, one that takes members', async () => {
  const row = await t.db
    .selectFrom('members')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .select(['members.name', 'orgs.id', 'orgs.name as org_name', 'orgs.type'])
    .where('members.name', '=', '李师傅')
    .executeTakeFirstOrThrow();
  expect(row).toMatchObject({ id: world.orgIds.get(DEMO_CARD_ORG), org_name: '饿了么宿城配送站点工会' });
  expect(MEMBER_ORG_TYPES).toContain(row.type);
});
