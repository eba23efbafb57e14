import type { OrgType } from '../../../../common/org-types';

export interface DemoOrg {
  /** Stable ascii key, e.g. 'js', 'js.sq', 'js.sq.sc'. */
  key: string;
  /** Full official-style name, e.g. '宿迁市宿城区总工会'. */
  name: string;
  short_name?: string;
  type: OrgType;
  /** A 6-digit code that exists in gbt2260.json. */
  region_code: string;
  address?: string;
  /** WGS-84. */
  lat?: number;
  lng?: number;
  /** 18 characters, employer unions only (fictional but with correct check characters). */
  uscc?: string;
  /** 'YYYY-MM-DD'. */
  founded_on?: string;
  contact_name?: string;
  children?: DemoOrg[];
}

/** A county federation's holding pool for gig workers waiting to be placed (GLOSSARY.md 周转库). */
export function pool(countyKey: string, countyName: string, region_code: string, lat: number, lng: number): DemoOrg {
  return {
    key: `${countyKey}.pool`,
    name: `${countyName}新就业形态劳动者入会周转库`,
    short_name: `${countyName}入会周转库`,
    type: 'holding_pool',
    region_code,
    lat,
    lng,
  };
}
