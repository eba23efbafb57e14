import { describe, expect, it } from 'vitest';
import { canHaveChildType, childTypesOf, EMPLOYER_ORG_TYPES, ORG_TYPES, type OrgType } from './org-types';

/** Federations of a fixed level, from the top. */
const LEVELS: OrgType[][] = [
  ['national_federation'],
  ['provincial_federation'],
  ['city_federation'],
  ['county_federation'],
  ['township_union', 'subdistrict_union'],
  ['village_union', 'community_union'],
];
const levelOf = (type: OrgType) => LEVELS.findIndex((types) => types.includes(type));

describe('which child types a parent type may have', () => {
  it('never puts the national federation below anything', () => {
    for (const parent of ORG_TYPES) expect(canHaveChildType(parent, 'national_federation'), parent).toBe(false);
  });

  it('puts a fixed-level federation only below a federation of a higher level', () => {
    for (const child of LEVELS.flat()) {
      for (const parent of ORG_TYPES) {
        const parentLevel = levelOf(parent);
        if (parentLevel >= levelOf(child))
          expect(canHaveChildType(parent, child), `${child} under ${parent}`).toBe(false);
      }
      for (const parent of [
        ...EMPLOYER_ORG_TYPES,
        'union_group',
        'holding_pool',
        'industrial_union',
        'industry_federation',
      ] as const) {
        expect(canHaveChildType(parent, child), `${child} under ${parent}`).toBe(false);
      }
    }
  });

  it('admits the structures unions really have', () => {
    const real: Array<[OrgType, OrgType, string]> = [
      ['national_federation', 'provincial_federation', '全总 → 江苏省总工会'],
      ['national_federation', 'industrial_union', '全总 → 中国海员建设工会'],
      ['national_federation', 'enterprise_union', '全总 → 中央企业工会'],
      [
        'provincial_federation',
        'county_federation',
        '湖北省总工会 → 仙桃市总工会 (省直管县), 北京市总工会 → 朝阳区总工会',
      ],
      ['provincial_federation', 'industrial_union', '省教科文卫体工会'],
      ['provincial_federation', 'enterprise_union', '省属企业工会'],
      ['city_federation', 'township_union', '东莞市总工会 → 镇总工会 (no counties)'],
      ['city_federation', 'subdistrict_union', '中山市总工会 → 街道总工会'],
      ['city_federation', 'holding_pool', '东莞 has no county to hold the pool'],
      ['city_federation', 'industry_federation', '青岛市网约车行业工会联合会'],
      ['county_federation', 'holding_pool', '宿城区入会周转库'],
      ['county_federation', 'regional_federation', '柏堰科技园工会联合会'],
      ['county_federation', 'industrial_union', '县教育工会'],
      ['subdistrict_union', 'regional_federation', '街道楼宇工会联合会'],
      ['subdistrict_union', 'community_union', '阅湖社区工会联合会'],
      ['community_union', 'joint_union', '沿街商户联合工会'],
      ['industry_federation', 'enterprise_union', '美团外卖站点工会'],
      ['enterprise_union', 'enterprise_union', '集团公司工会 → 子公司工会'],
      ['joint_union', 'enterprise_union', '联合工会下设的分会'],
      ['enterprise_union', 'union_group', '车间工会小组'],
      ['village_union', 'union_group', '村级工会小组'],
    ];
    for (const [parent, child, example] of real) expect(canHaveChildType(parent, child), example).toBe(true);
  });

  it('refuses the impossible', () => {
    const impossible: Array<[OrgType, OrgType]> = [
      ['county_federation', 'national_federation'],
      ['subdistrict_union', 'county_federation'],
      ['county_federation', 'county_federation'],
      ['national_federation', 'county_federation'],
      ['enterprise_union', 'subdistrict_union'],
      ['union_group', 'union_group'],
      ['union_group', 'enterprise_union'],
      ['holding_pool', 'enterprise_union'],
      ['subdistrict_union', 'holding_pool'],
      ['enterprise_union', 'industry_federation'],
    ];
    for (const [parent, child] of impossible)
      expect(canHaveChildType(parent, child), `${child} under ${parent}`).toBe(false);
  });

  it('lists the choices a console offers under a parent, in ORG_TYPES order', () => {
    expect(childTypesOf('county_federation')).toEqual([
      'township_union',
      'subdistrict_union',
      'village_union',
      'community_union',
      'regional_federation',
      'industry_federation',
      'industrial_union',
      'enterprise_union',
      'institution_union',
      'joint_union',
      'holding_pool',
    ]);
    expect(childTypesOf('national_federation')).not.toContain('national_federation');
    expect(childTypesOf('union_group')).toEqual([]);
    expect(childTypesOf('holding_pool')).toEqual([]);
    expect(childTypesOf('enterprise_union')).toEqual([
      'enterprise_union',
      'institution_union',
      'joint_union',
      'union_group',
    ]);
  });
});
