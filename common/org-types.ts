/** Union org types (GLOSSARY.md); the database holds the same closed list. */
export const ORG_TYPES = [
  'national_federation', 'provincial_federation', 'city_federation', 'county_federation',
  'township_union', 'subdistrict_union', 'village_union', 'community_union',
  'regional_federation', 'industry_federation', 'industrial_union', 'enterprise_union',
  'institution_union', 'joint_union', 'union_group', 'holding_pool',
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
