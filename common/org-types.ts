/** Union org types (GLOSSARY.md); the database holds the same closed list. */
export const ORG_TYPES = [
  'national_federation',
  'provincial_federation',
  'city_federation',
  'county_federation',
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
  'union_group',
  'holding_pool',
] as const;

export type OrgType = (typeof ORG_TYPES)[number];

export const ORG_TYPE_LABELS: Record<OrgType, { zh: string; en: string }> = {
  national_federation: { zh: '全国总工会', en: 'National federation' },
  provincial_federation: { zh: '省总工会', en: 'Provincial federation' },
  city_federation: { zh: '市总工会', en: 'City federation' },
  county_federation: { zh: '县(区)总工会', en: 'County federation' },
  township_union: { zh: '乡镇工会', en: 'Township union' },
  subdistrict_union: { zh: '街道工会', en: 'Subdistrict union' },
  village_union: { zh: '村工会', en: 'Village union' },
  community_union: { zh: '社区工会', en: 'Community union' },
  regional_federation: { zh: '区域工会联合会', en: 'Regional federation' },
  industry_federation: { zh: '行业工会联合会', en: 'Industry federation' },
  industrial_union: { zh: '产业工会', en: 'Industrial union' },
  enterprise_union: { zh: '企业工会', en: 'Enterprise union' },
  institution_union: { zh: '机关事业单位工会', en: 'Institution union' },
  joint_union: { zh: '联合工会', en: 'Joint union' },
  union_group: { zh: '工会小组', en: 'Union group' },
  holding_pool: { zh: '周转库', en: 'Holding pool' },
};

/** Types that are grassroots unions of an employer (they may carry a USCC). */
export const EMPLOYER_ORG_TYPES: readonly OrgType[] = ['enterprise_union', 'institution_union', 'joint_union'];

/**
 * Orgs that hold members themselves: grassroots unions and the 小三级 (township, street, village,
 * community, regional and industry unions), and the county holding pools. Federations from the county
 * up, and union groups inside an enterprise union, hold none.
 */
export const MEMBER_ORG_TYPES: readonly OrgType[] = [
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
];

/**
 * Unions that stand for a place: their children lie within their region. Industrial unions
 * (中国海员建设工会 with a Shanghai member union) and employers' unions (a 宿迁 group with a 南京
 * subsidiary) span regions, and the national federation spans them all.
 */
export const TERRITORIAL_ORG_TYPES: readonly OrgType[] = [
  'provincial_federation',
  'city_federation',
  'county_federation',
  'township_union',
  'subdistrict_union',
  'village_union',
  'community_union',
  'regional_federation',
  'holding_pool',
];

/**
 * Which types an org of each type may sit under (DESIGN.md §2 row A), permissive enough for the
 * structures unions really have:
 * - 全总 is never a child. A federation of a fixed level (省, 市, 县, 乡镇/街道, 村/社区) sits only
 *   under a federation of a higher level, and it may skip levels: 省直管县 and municipality
 *   districts hang under the provincial federation (仙桃, 北京市朝阳区), towns and streets under a
 *   city federation where the city has no counties (东莞, 中山), communities under a county.
 *   乡镇/街道/村/社区 unions may also sit under a 区域工会联合会 (a development zone or park that
 *   runs streets and communities).
 * - 区域/行业工会联合会 are set up by a provincial, city, county or township/street federation,
 *   by an industrial union, and an industry federation also inside a regional one (a park).
 * - 产业工会 (中国海员建设工会, 省/市/县教育工会) sit under a federation down to county level, and a
 *   central enterprise's union under a national industrial union.
 * - Grassroots unions (企业/机关事业单位/联合工会) sit under any federation or industrial union, and
 *   under another grassroots union (a group company's subsidiaries, 分工会 of a joint union).
 * - 工会小组 sit under a grassroots union, a 小三级 union (村级工会小组) or a 区域/行业联合会.
 * - 周转库 sit under a county federation, or a city federation without counties.
 * - Nothing sits under a 工会小组 or a 周转库.
 */
const FEDERATIONS_DOWN_TO_STREET: readonly OrgType[] = [
  'national_federation',
  'provincial_federation',
  'city_federation',
  'county_federation',
  'township_union',
  'subdistrict_union',
];
const ALLOWED_PARENT_TYPES: Record<OrgType, readonly OrgType[]> = {
  national_federation: [],
  provincial_federation: ['national_federation'],
  city_federation: ['provincial_federation'],
  county_federation: ['provincial_federation', 'city_federation'],
  township_union: ['city_federation', 'county_federation', 'regional_federation'],
  subdistrict_union: ['city_federation', 'county_federation', 'regional_federation'],
  village_union: ['city_federation', 'county_federation', 'township_union', 'subdistrict_union', 'regional_federation'],
  community_union: [
    'city_federation',
    'county_federation',
    'township_union',
    'subdistrict_union',
    'regional_federation',
  ],
  regional_federation: [
    'provincial_federation',
    'city_federation',
    'county_federation',
    'township_union',
    'subdistrict_union',
    'industrial_union',
  ],
  industry_federation: [
    'provincial_federation',
    'city_federation',
    'county_federation',
    'township_union',
    'subdistrict_union',
    'regional_federation',
    'industrial_union',
  ],
  industrial_union: [
    'national_federation',
    'provincial_federation',
    'city_federation',
    'county_federation',
    'industrial_union',
  ],
  enterprise_union: [
    ...FEDERATIONS_DOWN_TO_STREET,
    'village_union',
    'community_union',
    'regional_federation',
    'industry_federation',
    'industrial_union',
    ...EMPLOYER_ORG_TYPES,
  ],
  institution_union: [
    ...FEDERATIONS_DOWN_TO_STREET,
    'village_union',
    'community_union',
    'regional_federation',
    'industry_federation',
    'industrial_union',
    ...EMPLOYER_ORG_TYPES,
  ],
  joint_union: [
    ...FEDERATIONS_DOWN_TO_STREET,
    'village_union',
    'community_union',
    'regional_federation',
    'industry_federation',
    'industrial_union',
    ...EMPLOYER_ORG_TYPES,
  ],
  union_group: [
    'township_union',
    'subdistrict_union',
    'village_union',
    'community_union',
    'regional_federation',
    'industry_federation',
    ...EMPLOYER_ORG_TYPES,
  ],
  holding_pool: ['city_federation', 'county_federation'],
};

/** Whether an org of type `child` may sit directly under an org of type `parent`. */
export function canHaveChildType(parent: OrgType, child: OrgType): boolean {
  return ALLOWED_PARENT_TYPES[child].includes(parent);
}

/** The types a new child of a `parent` org may have, in ORG_TYPES order. */
export function childTypesOf(parent: OrgType): OrgType[] {
  return ORG_TYPES.filter((child) => canHaveChildType(parent, child));
}

/** An org's editable fields, as the API takes them; a null clears an optional one. */
export interface OrgFields {
  name: string;
  short_name?: string | null;
  type: OrgType;
  region_code: string;
  uscc?: string | null;
  address?: string | null;
  lat?: number | null;
  lng?: number | null;
  founded_on?: string | null;
  contact_name?: string | null;
  contact_phone?: string | null;
}
