/**
 * Benchmark-scale union tree (DESIGN.md §8: "a separate generator builds the benchmark-scale
 * data"): 全总 → 31 provincial federations → every prefecture → every county of GB/T 2260 →
 * streets/towns → enterprise unions. With the defaults that is ≈ 20k orgs.
 *
 * Ids are assigned here, so each path is the parent's path plus the new id, computed in memory;
 * rows go in with one `INSERT … SELECT FROM unnest(…)` per batch rather than one by one.
 */
import { sql } from 'kysely';
import type { OrgType } from '../common/org-types';
import type { Db } from '../server/db/database';
import { pinyinKeys } from '../common/names';
import { listRegions, type Region } from '../server/features/regions/regions';
import type { BuiltOrg } from '../server/features/orgs/orgs.factories';

export interface TreeOptions {
  /** Street / town unions under each county federation. */
  streetsPerCounty?: number;
  /** Enterprise unions under each street / town union. */
  enterprisesPerStreet?: number;
}

export interface CountyBranch {
  region: Region;
  county: BuiltOrg;
  streets: BuiltOrg[];
  enterprises: BuiltOrg[];
}

export interface GeneratedTree {
  orgs: number;
  root: BuiltOrg;
  /** County federations by their GB/T 2260 code, with what hangs below them. */
  counties: Map<string, CountyBranch>;
  maxId: number;
  ms: number;
}

interface Row {
  id: number;
  parent_id: number | null;
  path: string;
  name: string;
  type: OrgType;
  region_code: string;
  level: number;
}

// Everyday place and company words, so names and their pinyin look like the real thing.
const STREET_WORDS = [
  '幸福',
  '城东',
  '城西',
  '城南',
  '城北',
  '新华',
  '人民',
  '解放',
  '和平',
  '东风',
  '建设',
  '胜利',
  '文化',
  '向阳',
  '东关',
  '西关',
  '南湖',
  '北湖',
  '河滨',
  '古城',
  '新城',
  '开发',
  '龙山',
  '凤凰',
  '青年',
  '朝阳',
  '长安',
  '太平',
  '永兴',
  '清河',
];
const BRANDS = [
  '恒达',
  '华信',
  '鑫源',
  '天成',
  '宏远',
  '金诚',
  '永安',
  '瑞丰',
  '德隆',
  '海川',
  '中通',
  '顺和',
  '安泰',
  '嘉禾',
  '远航',
  '博创',
  '新锐',
  '同力',
  '盛世',
  '广源',
];
const TRADES = [
  '纺织',
  '机械',
  '电子',
  '物流',
  '食品',
  '建材',
  '服装',
  '包装',
  '科技',
  '汽车配件',
  '家具',
  '医药',
  '印刷',
  '餐饮管理',
  '物业服务',
];

const MAINLAND = (r: Region) => Number(r.code.slice(0, 2)) < 71; // 31 provinces; not 台湾, 香港, 澳门

/** Builds the tree in memory: rows in insertion order (parents first) and the county branches. */
function planTree(options: Required<TreeOptions>, firstId: number) {
  const rows: Row[] = [];
  let nextId = firstId;
  const add = (parent: Row | null, name: string, type: OrgType, region_code: string): Row => {
    const id = nextId++;
    const row: Row = {
      id,
      parent_id: parent?.id ?? null,
      path: parent ? `${parent.path}.${id}` : String(id),
      name,
      type,
      region_code,
      level: (parent?.level ?? 0) + 1,
    };
    rows.push(row);
    return row;
  };
  const built = (r: Row): BuiltOrg => ({ id: r.id, path: r.path, name: r.name, level: r.level });
  const counties = new Map<string, CountyBranch>();
  let countyIndex = 0;

  const addCounty = (parent: Row, prefix: string, region: Region) => {
    const county = add(parent, `${prefix}${region.name}总工会`, 'county_federation', region.code);
    const branch: CountyBranch = { region, county: built(county), streets: [], enterprises: [] };
    for (let s = 0; s < options.streetsPerCounty; s++) {
      const word = STREET_WORDS[(countyIndex * options.streetsPerCounty + s) % STREET_WORDS.length]!;
      const isTown = s % 2 === 1;
      const street = add(
        county,
        `${region.name}${word}${isTown ? '镇' : '街道'}总工会`,
        isTown ? 'township_union' : 'subdistrict_union',
        region.code,
      );
      branch.streets.push(built(street));
      for (let e = 0; e < options.enterprisesPerStreet; e++) {
        const k = countyIndex * 7 + s * 3 + e;
        const name = `${region.name}${BRANDS[k % BRANDS.length]}${TRADES[(k + e) % TRADES.length]}有限公司工会`;
        branch.enterprises.push(built(add(street, name, 'enterprise_union', region.code)));
      }
    }
    counties.set(region.code, branch);
    countyIndex++;
  };

  const root = add(null, '中华全国总工会', 'national_federation', '110000');
  for (const province of listRegions(null).filter(MAINLAND)) {
    const prov = add(root, `${province.name}总工会`, 'provincial_federation', province.code);
    for (const child of listRegions(province.code)) {
      if (child.level === 3) {
        addCounty(prov, '', child); // a municipality's district or a county directly under the province
        continue;
      }
      const city = add(prov, `${child.name}总工会`, 'city_federation', child.code);
      for (const county of listRegions(child.code)) addCounty(city, child.name, county);
    }
  }
  return { rows, root: built(root), counties };
}

const BATCH = 4000;

/** Generates the tree into an empty `orgs` table, then vacuums and analyses it. */
export async function generateTree(db: Db, options: TreeOptions = {}): Promise<GeneratedTree> {
  const started = performance.now();
  const existing = await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst();
  if (existing) throw new Error('generateTree needs an empty orgs table (the bench creates a fresh database)');
  const plan = planTree(
    { streetsPerCounty: options.streetsPerCounty ?? 2, enterprisesPerStreet: options.enterprisesPerStreet ?? 2 },
    1,
  );

  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < plan.rows.length; i += BATCH) {
      const batch = plan.rows.slice(i, i + BATCH);
      const keys = batch.map((r) => pinyinKeys(r.name));
      await sql`
        INSERT INTO orgs (id, parent_id, path, name, name_pinyin, name_initials, type, region_code, level)
        SELECT id, parent_id, path::ltree, name, name_pinyin, name_initials, type, region_code, level
        FROM unnest(${batch.map((r) => r.id)}::int[], ${batch.map((r) => r.parent_id)}::int[], ${batch.map((r) => r.path)}::text[],
                    ${batch.map((r) => r.name)}::text[], ${keys.map((k) => k.name_pinyin)}::text[], ${keys.map((k) => k.name_initials)}::text[],
                    ${batch.map((r) => r.type)}::text[], ${batch.map((r) => r.region_code)}::text[], ${batch.map((r) => r.level)}::smallint[])
          AS t(id, parent_id, path, name, name_pinyin, name_initials, type, region_code, level)`.execute(trx);
    }
    // Ids were given explicitly: move the identity past them so the app's nextval() does not collide.
    await sql`SELECT setval(pg_get_serial_sequence('orgs', 'id'), ${plan.rows.length})`.execute(trx);
  });
  // VACUUM as well: sets the visibility map (index-only scans) and keeps autovacuum from
  // waking up on the fresh rows in the middle of a measurement.
  await sql`VACUUM ANALYZE orgs`.execute(db);
  return {
    orgs: plan.rows.length,
    root: plan.root,
    counties: plan.counties,
    maxId: plan.rows.length,
    ms: performance.now() - started,
  };
}
