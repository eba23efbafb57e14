import { AppError } from '../../../common/errors';
import { convertPoint, type Crs } from '../../../common/geo';

/** Coordinates as a body or an answer holds them. */
interface Located {
  lat?: number | null;
  lng?: number | null;
}

/**
 * The body without its `crs`, its coordinates in WGS-84 as stored (DESIGN.md §4.3). A point is
 * converted whole, so a body in another system must carry both coordinates or neither.
 */
export function bodyInWgs84<T extends Located & { crs?: Crs }>(body: T): Omit<T, 'crs'> {
  const { crs = 'wgs84', ...rest } = body;
  if (crs === 'wgs84') return rest;
  const { lat, lng } = rest;
  if (typeof lat === 'number' && typeof lng === 'number')
    return { ...rest, ...convertPoint({ lat, lng }, crs, 'wgs84') };
  if (typeof lat === 'number' || typeof lng === 'number') {
    const missing = typeof lat === 'number' ? 'lng' : 'lat';
    if (rest[missing] === undefined)
      throw new AppError('validation_failed', { [missing]: '指定坐标系（crs）时经纬度须同时填写' });
  }
  return rest;
}

/** The org's coordinates in the system the client asked for; stored ones are WGS-84. */
export function inCrs<T extends { lat: number | null; lng: number | null }>(org: T, crs: Crs = 'wgs84'): T {
  if (crs === 'wgs84' || org.lat === null || org.lng === null) return org;
  return { ...org, ...convertPoint({ lat: org.lat, lng: org.lng }, 'wgs84', crs) };
}
