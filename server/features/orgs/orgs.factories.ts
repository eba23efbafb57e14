/** Test code: builds orgs straight into a test app's database (product code never imports this). */
import { sql } from 'kysely';
import type { OrgType } from '../../../common/org-types';
import type { TestApp } from '../../testing/test-app';
import { pinyinKeys } from './names';

export interface BuiltOrg {
  id: number;
  path: string;
  name: string;
  level: number;
}

let seq = 0;

/** Inserts an org under `parent` (or a root) straight into the database. */
export async function buildOrg(
  t: Pick<TestApp, 'db'>,
  opts: { parent?: BuiltOrg; name?: string; type?: OrgType; region_code?: string; status?: 'active' | 'inactive' } = {},
): Promise<BuiltOrg> {
  const { id } = (
    await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('orgs', 'id'))::int AS id`.execute(t.db)
  ).rows[0]!;
  const name = opts.name ?? `测试工会${++seq}号`;
  const path = opts.parent ? `${opts.parent.path}.${id}` : String(id);
  const level = (opts.parent?.level ?? 0) + 1;
  await t.db
    .insertInto('orgs')
    .values({
      id,
      parent_id: opts.parent?.id ?? null,
      path,
      name,
      level,
      type: opts.type ?? (opts.parent ? 'enterprise_union' : 'national_federation'),
      region_code: opts.region_code ?? '321302',
      status: opts.status ?? 'active',
      ...pinyinKeys(name),
    })
    .execute();
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
