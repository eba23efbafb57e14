import { describe, it, expect } from 'vitest';
import { ORG_TYPES, EMPLOYER_ORG_TYPES, canHaveChildType } from '../../../common/org-types';
import { findRegion, isRegionCode, isWithinRegion } from '../regions/regions';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../accounts/demo-accounts';
import { DEMO_TREE } from './demo-tree';
import type { DemoOrg } from './demo/org';

interface Row {
  org: DemoOrg;
  parent: DemoOrg | null;
  depth: number;
}

function flatten(org: DemoOrg, parent: DemoOrg | null = null, depth = 0, out: Row[] = []): Row[] {
  out.push({ org, parent, depth });
  for (const child of org.children ?? []) flatten(child, org, depth + 1, out);
  return out;
}

const rows = flatten(DEMO_TREE);
const byKey = new Map(rows.map((r) => [r.org.key, r]));

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** GB 32100-2015 check character of the first 17 characters. */
function usccCheck(code: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(code[i] as string) * (USCC_WEIGHTS[i] as number);
  return USCC_CHARS[(31 - (sum % 31)) % 31] as string;
}

describe('DEMO_TREE', () => {
  it('is a realistic size with the national federation at the root', () => {
    expect(rows.length).toBeGreaterThanOrEqual(90);
    expect(rows.length).toBeLessThanOrEqual(150);
    expect(DEMO_TREE).toMatchObject({ name: '中华全国总工会', type: 'national_federation', region_code: '110000' });
    expect(rows.filter((r) => r.org.type === 'national_federation')).toHaveLength(1);
  });

  it('uses only current GB/T 2260 region codes, within the parent region', () => {
    for (const { org, parent } of rows) {
      expect(isRegionCode(org.region_code), `${org.key} ${org.region_code}`).toBe(true);
      if (parent && parent.type !== 'national_federation') {
        const prefix = parent.region_code.replace(/(00)+$/, '');
        expect(org.region_code.startsWith(prefix), `${org.key} under ${parent.key}`).toBe(true);
      }
    }
  });

  it('satisfies the placement rules the API enforces: child type, and region within the parent region', () => {
    const misplaced: string[] = [];
    for (const { org, parent } of rows) {
      if (!parent) continue;
      if (!canHaveChildType(parent.type, org.type)) misplaced.push(`${org.key}: ${org.type} under ${parent.type}`);
      if (parent.type !== 'national_federation' && !isWithinRegion(org.region_code, parent.region_code)) {
        misplaced.push(`${org.key}: ${org.region_code} outside ${parent.key} ${parent.region_code}`);
      }
    }
    expect(misplaced).toEqual([]);
  });

  it('puts federations on the region of their level', () => {
    const level = { provincial_federation: 1, city_federation: 2, county_federation: 3 } as const;
    for (const { org } of rows) {
      if (org.type in level) {
        expect(findRegion(org.region_code)?.level, org.key).toBe(level[org.type as keyof typeof level]);
      }
    }
    expect(findRegion(byKey.get('js.sq.sc')!.org.region_code)?.full_name).toBe('江苏省宿迁市宿城区');
  });

  it('has unique keys, each child key being its parent key + "." (below the provinces)', () => {
    expect(byKey.size).toBe(rows.length);
    for (const { org, parent } of rows) {
      expect(org.key, org.name).toMatch(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/);
      if (!parent) continue;
      if (parent === DEMO_TREE) expect(org.key, 'children of the root are one segment').not.toContain('.');
      else expect(org.key.startsWith(`${parent.key}.`), org.key).toBe(true);
      expect(org.key.split('.').length, org.key).toBe(parent === DEMO_TREE ? 1 : parent.key.split('.').length + 1);
    }
  });

  it('has unique names that fit the database columns', () => {
    expect(new Set(rows.map((r) => r.org.name)).size).toBe(rows.length);
    for (const { org } of rows) {
      expect(org.name.length, org.key).toBeGreaterThan(0);
      expect(org.name.length, org.key).toBeLessThanOrEqual(100);
      expect((org.short_name ?? '').length, org.key).toBeLessThanOrEqual(40);
      expect((org.contact_name ?? '').length, org.key).toBeLessThanOrEqual(40);
      expect((org.address ?? '').length, org.key).toBeLessThanOrEqual(200);
      expect(ORG_TYPES, org.key).toContain(org.type);
      if (org.founded_on !== undefined) {
        expect(org.founded_on, org.key).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(new Date(`${org.founded_on}T00:00:00Z`).toISOString().slice(0, 10), org.key).toBe(org.founded_on);
      }
    }
  });

  it('gives USCCs only to employer unions, well-formed, unique and with a correct check character', () => {
    const codes = rows.filter((r) => r.org.uscc !== undefined).map((r) => r.org);
    expect(codes.length).toBeGreaterThanOrEqual(8);
    for (const org of codes) {
      const uscc = org.uscc as string;
      expect(EMPLOYER_ORG_TYPES, org.key).toContain(org.type);
      expect(uscc, org.key).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
      expect(uscc[17], org.key).toBe(usccCheck(uscc));
      expect(uscc.slice(2, 8), org.key).toBe(org.region_code);
    }
    expect(new Set(codes.map((o) => o.uscc)).size).toBe(codes.length);
  });

  it('places every org in China (WGS-84 bounding box), near its parent', () => {
    for (const { org, parent } of rows) {
      expect(org.lat, org.key).toBeDefined();
      expect(org.lat!, org.key).toBeGreaterThan(18);
      expect(org.lat!, org.key).toBeLessThan(54);
      expect(org.lng!, org.key).toBeGreaterThan(73);
      expect(org.lng!, org.key).toBeLessThan(135);
      // Below a city, an org lies within ~0.5° of its parent (a county is smaller than that).
      if (parent && findRegion(parent.region_code)?.level === 3) {
        expect(Math.abs(org.lat! - parent.lat!), org.key).toBeLessThan(0.5);
        expect(Math.abs(org.lng! - parent.lng!), org.key).toBeLessThan(0.5);
      }
    }
  });

  it('gives every county federation a holding pool and at least one more union', () => {
    const counties = rows.filter((r) => r.org.type === 'county_federation').map((r) => r.org);
    expect(counties.length).toBeGreaterThanOrEqual(15);
    for (const county of counties) {
      const children = county.children ?? [];
      expect(
        children.filter((c) => c.type === 'holding_pool'),
        county.key,
      ).toHaveLength(1);
      expect(children.length, county.key).toBeGreaterThanOrEqual(2);
    }
    expect(rows.filter((r) => r.org.type === 'holding_pool').every((r) => r.parent?.type === 'county_federation')).toBe(
      true,
    );
  });

  it('builds the 宿城区 world the demos rely on', () => {
    const sc = rows.filter((r) => r.org.key.startsWith('js.sq.sc.')).map((r) => r.org);
    const types = new Set(sc.map((o) => o.type));
    for (const t of [
      'subdistrict_union',
      'township_union',
      'village_union',
      'community_union',
      'industry_federation',
      'holding_pool',
      'enterprise_union',
      'joint_union',
      'union_group',
    ] as const) {
      expect(types, t).toContain(t);
    }
    const names = sc.map((o) => o.name).join(' ');
    for (const platform of ['美团', '饿了么', '闪送', 'UU跑腿', '顺丰']) expect(names).toContain(platform);
    expect(byKey.get('js.sq.sc.pool')?.org.name).toBe('宿城区新就业形态劳动者入会周转库');
    const group = rows.find((r) => r.org.type === 'union_group' && r.parent?.type === 'enterprise_union');
    expect(group).toBeDefined();
  });

  it('names the places of union news', () => {
    const names = new Set(rows.map((r) => r.org.name));
    for (const n of [
      '江苏省总工会',
      '江西省总工会',
      '甘肃省总工会',
      '湖北省总工会',
      '山东省总工会',
      '安徽省总工会',
      '河南省总工会',
      '浙江省总工会',
      '河北省总工会',
      '广东省总工会',
      '北京市总工会',
      '宿迁市总工会',
      '沭阳县总工会',
      '邗沟社区工会联合会',
      '上饶市总工会',
      '铅山县总工会',
      '临洮县总工会',
      '渭源县总工会',
      '十堰市总工会',
      '鄂州市总工会',
      '青岛市总工会',
      '德州市总工会',
      '柏堰科技园工会联合会',
      '洛阳市总工会',
      '驻马店市总工会',
      '濮阳市总工会',
      '乐清市总工会',
      '围场满族蒙古族自治县总工会',
    ]) {
      expect(names.has(n), n).toBe(true);
    }
    expect(rows.some((r) => r.org.type === 'industrial_union' && r.parent === DEMO_TREE)).toBe(true);
  });
});

describe('DEMO_ACCOUNTS', () => {
  it('point at orgs of the tree, with valid and unique usernames', () => {
    for (const a of DEMO_ACCOUNTS) {
      expect(byKey.has(a.org_key), `${a.username} → ${a.org_key}`).toBe(true);
      expect(a.username).toMatch(/^[a-z0-9][a-z0-9_.-]{2,39}$/);
      expect(a.display_name.length, a.username).toBeGreaterThan(0);
      expect(a.display_name.length, a.username).toBeLessThanOrEqual(40);
      expect(a.note_zh.length, a.username).toBeGreaterThan(0);
    }
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.username.toLowerCase())).size).toBe(DEMO_ACCOUNTS.length);
  });

  it('cover every level and role the demo shows', () => {
    const at = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username);
    expect(at('admin')).toMatchObject({ org_key: DEMO_TREE.key, role: 'national_admin' });
    expect(at('jiangsu')).toMatchObject({ org_key: 'js', role: 'org_admin' });
    expect(at('suqian')).toMatchObject({ org_key: 'js.sq', role: 'org_admin' });
    expect(at('sucheng')).toMatchObject({ org_key: 'js.sq.sc', role: 'org_admin' });
    expect(at('sucheng_case')).toMatchObject({ org_key: 'js.sq.sc', role: 'case_officer' });
    expect(at('sucheng_hotline')).toMatchObject({ org_key: 'js.sq.sc', role: 'hotline_agent' });
    expect(at('sucheng_viewer')).toMatchObject({ org_key: 'js.sq.sc', role: 'viewer' });
    expect(at('shangrao')).toMatchObject({ org_key: 'jx.sr', role: 'org_admin' });
    const typeOf = (a: { org_key: string }) => byKey.get(a.org_key)?.org.type;
    expect(DEMO_ACCOUNTS.some((a) => a.role === 'org_admin' && typeOf(a) === 'subdistrict_union')).toBe(true);
    expect(DEMO_ACCOUNTS.some((a) => a.role === 'org_admin' && typeOf(a) === 'enterprise_union')).toBe(true);
    const roles = new Set(DEMO_ACCOUNTS.map((a) => a.role));
    for (const r of [
      'national_admin',
      'org_admin',
      'case_officer',
      'hotline_agent',
      'station_keeper',
      'reviewer',
      'viewer',
    ] as const) {
      expect(roles, r).toContain(r);
    }
  });

  it('share a password that meets the mlps3 profile (≥ 8 chars, 3 classes)', () => {
    expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(8);
    const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(DEMO_PASSWORD)).length;
    expect(classes).toBeGreaterThanOrEqual(3);
  });
});
