/** Test code: builds orgs straight into a test app's database (product code never imports this). */
import type { OrgType } from '../../../common/org-types';
import { systemContext, withTransaction, type Ctx } from '../../http/context';
import type { DemoWorld } from '../../http/feature';
import type { TestApp } from '../../testing/test-app';
import { seedDemoOrgs } from './seed';
import { insertOrg } from './service';

export interface BuiltOrg {
  id: number;
  path: string;
  name: string;
  level: number;
}

let seq = 0;

/** Inserts an org under `parent` (or a root) through the one org insert, with no checks. */
export async function buildOrg(
  t: Pick<TestApp, 'db'>,
  opts: { parent?: BuiltOrg; name?: string; type?: OrgType; region_code?: string; status?: 'active' | 'inactive' } = {},
): Promise<BuiltOrg> {
  const name = opts.name ?? `测试工会${++seq}号`;
  const { id, path, level } = await insertOrg(t, opts.parent ?? null, {
    name,
    type: opts.type ?? (opts.parent ? 'enterprise_union' : 'national_federation'),
    region_code: opts.region_code ?? '321302',
    status: opts.status ?? 'active',
  });
  return { id, path, name, level };
}

/** The tree most tests need: 全总 → 江苏 → 宿迁 → 宿城区 → 幸福街道, and 江西 as another province. */
export interface World {
  root: BuiltOrg;
  jiangsu: BuiltOrg;
  suqian: BuiltOrg;
  sucheng: BuiltOrg;
  street: BuiltOrg;
  jiangxi: BuiltOrg;
}

export async function buildWorld(t: Pick<TestApp, 'db'>): Promise<World> {
  const root = await buildOrg(t, { name: '中华全国总工会', type: 'national_federation', region_code: '110000' });
  const jiangsu = await buildOrg(t, {
    parent: root,
    name: '江苏省总工会',
    type: 'provincial_federation',
    region_code: '320000',
  });
  const suqian = await buildOrg(t, {
    parent: jiangsu,
    name: '宿迁市总工会',
    type: 'city_federation',
    region_code: '321300',
  });
  const sucheng = await buildOrg(t, {
    parent: suqian,
    name: '宿城区总工会',
    type: 'county_federation',
    region_code: '321302',
  });
  const street = await buildOrg(t, { parent: sucheng, name: '幸福街道总工会', type: 'subdistrict_union' });
  const jiangxi = await buildOrg(t, {
    parent: root,
    name: '江西省总工会',
    type: 'provincial_federation',
    region_code: '360000',
  });
  return { root, jiangsu, suqian, sucheng, street, jiangxi };
}

/** The demo tree (seedDemoOrgs), then each of `seeds` (a feature's demo seed) on it, each in its transaction. */
export async function buildDemoWorld(
  t: Pick<TestApp, 'deps'>,
  ...seeds: Array<(tx: Ctx, world: DemoWorld) => Promise<void>>
): Promise<DemoWorld> {
  const world: DemoWorld = { orgIds: new Map() };
  for (const seed of [seedDemoOrgs, ...seeds]) await withTransaction(systemContext(t.deps), (tx) => seed(tx, world));
  return world;
}
