import type { Static } from '@sinclair/typebox';
import type * as api from '../../../common/api/stations';
import { http } from '../../lib/http';
import type { RiderPosition } from './h5-position';

/** The station finder's calls: the public nearby search and one station (DESIGN.md §5). */

export type NearbyStation = Static<typeof api.NearbyItem>;
export type StationDay = Static<typeof api.StationDay>;
/** One station; its photos arrive with the registry's uploads (absent before). */
export type Station = Static<typeof api.StationView> & { photos?: Array<{ id: number; url: string }> };

export interface NearbyFilter {
  amenities: readonly string[];
  openNow: boolean;
  radiusM: number;
}

/** How many stations the finder lists (and the map shows). */
export const FINDER_LIMIT = 20;

/** The nearest stations to the rider, answered in the rider's own coordinate system. */
export const findNearby = (p: RiderPosition, f: NearbyFilter, signal?: AbortSignal) =>
  http.get<{ items: NearbyStation[] }>('/stations/nearby', {
    query: {
      lat: p.lat,
      lng: p.lng,
      crs: p.crs,
      limit: FINDER_LIMIT,
      radius_m: f.radiusM,
      open_now: f.openNow || undefined,
      amenity: f.amenities,
    },
    signal,
  });

/** One station, in WGS-84 (the navigate links convert it for each map app). */
export const fetchStation = (id: number) => http.get<Station>(`/stations/${id}`, { query: { crs: 'wgs84' } });
