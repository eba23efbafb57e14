import { AppError } from '../../../common/errors';
import type { Ctx } from '../../http/context';
import { findRegion } from '../regions/regions';
import * as q from './sql';

type Org = NonNullable<Awaited<ReturnType<typeof q.findOrg>>>;
export type RoutedBy = 'member' | 'location' | 'region' | 'station' | 'fallback' | 'intake';

/** The unions a place belongs to: the street, township and community unions of the "小三级". */
const PLACE_TYPES = ['subdistrict_union', 'township_union', 'community_union', 'village_union'] as const;
/** The federations a region code names, lowest first (a county's is the fallback union, 兜底). */
const REGION_TYPES = ['county_federation', 'city_federation', 'provincial_federation'] as const;
/** How far a place's union may be: a street union's area is a few kilometres across. */
const PLACE_RADIUS_M = 5_000;

export interface RouteInput {
  phoneHash: Buffer | null;
  /** WGS-84. */
  point: { lat: number; lng: number } | null;
  regionCode: string | null;
  stationId: number | null;
}

export interface Routed {
  /** Where the case should be handled: the dispatcher's default. */
  org: Org;
  by: RoutedBy;
  memberId: number | null;
}

/** The region codes from a code up to its province (a county's code, then its city's, then its province's). */
function regionChain(code: string): string[] {
  const chain: string[] = [];
  for (let region = findRegion(code); region; region = region.parent_code ? findRegion(region.parent_code) : undefined)
    chain.push(region.code);
  return chain;
}

/**
 * Routing (DESIGN.md §4.4): a station's own union for a station; else the member's union (by the
 * phone's blind index); else the union of the place (the nearest street or township union within
 * 5 km); else the lowest federation of the region code, up the region chain. Undefined when
 * nothing places the case: the caller asks for a region (a 422 naming region_code).
 */
export async function routeCase(ctx: Ctx, input: RouteInput): Promise<Routed | undefined> {
  if (input.stationId !== null) {
    const station = await q.findStation(ctx.db, input.stationId);
    const org = station && (await q.findOrg(ctx.db, station.org_id));
    if (org?.status === 'active') return { org, by: 'station', memberId: null };
  }
  let memberId: number | null = null;
  if (input.phoneHash) {
    const member = await q.findMemberUnion(ctx.db, input.phoneHash);
    if (member) {
      memberId = member.member_id;
      const org = await q.findOrg(ctx.db, member.id);
      if (org) return { org, by: 'member', memberId };
    }
  }
  if (input.point) {
    const org = await q.findNearestOrg(ctx.db, input.point.lat, input.point.lng, PLACE_TYPES, PLACE_RADIUS_M);
    if (org) return { org, by: 'location', memberId };
  }
  if (input.regionCode) {
    for (const code of regionChain(input.regionCode)) {
      const org = await q.findOrgForRegion(ctx.db, code, REGION_TYPES);
      if (org) return { org, by: 'region', memberId };
    }
  }
  return undefined;
}

/**
 * The union that receives a routed case and leads it (首接负责): the county federation at or above
 * the routed union — the level that dispatches (兜底) — or the routed union itself when it lies above
 * any county (a city federation routed by a city's region code).
 */
export async function receivingUnionFor(ctx: Ctx, routed: Org): Promise<Org> {
  const chain = await q.findOrgChain(ctx.db, routed.path);
  const county = chain.find((o) => o.type === 'county_federation' && o.status === 'active');
  if (county) return county;
  const federation = chain.find((o) => REGION_TYPES.includes(o.type as never) && o.status === 'active');
  return federation ?? routed;
}

/** The 422 when nothing places a case: the H5 asks for the region (or the location). */
export function unroutable(): AppError {
  return new AppError('validation_failed', { region_code: '请选择事发地所在的区县，或允许获取位置，以便转到当地工会' });
}
