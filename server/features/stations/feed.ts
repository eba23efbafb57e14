import { createHash } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import type { FeedQuery, FeedStation } from '../../../common/api/stations';
import { convertPoint, type Crs } from '../../../common/geo';
import type { Ctx } from '../../http/context';
import * as q from './sql';

export type FeedFormat = 'json' | 'geojson';

/**
 * The public station feed (issue 8 item 7): what map apps and partners ingest, in pages, in a chosen crs.
 * A first pull (no `since`) pages through every station that is not retired; each page's `next_since`
 * resumes after it, and pulling again later with the last `next_since` answers only what changed since
 * (retirements included). The body is built here, once, so its ETag is the hash of exactly what is sent.
 */
export async function stationFeed(
  ctx: Ctx,
  input: Static<typeof FeedQuery>,
  format: FeedFormat,
): Promise<{ body: string; etag: string }> {
  const crs: Crs = input.crs ?? 'wgs84';
  const limit = input.limit ?? 1000;
  const after = input.since ? parseSince(input.since) : null;
  const rows = await q.findFeedPage(ctx.db, { after, limit });
  const last = rows.at(-1);
  const nextSince = last ? `${last.xid}.${last.id}` : (input.since ?? '0.0');
  const items: Static<typeof FeedStation>[] = rows.map((r) => {
    const { lat, lng } = convertPoint({ lat: r.lat, lng: r.lng }, 'wgs84', crs);
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      address: r.address,
      region_code: r.region_code,
      org_name: r.org_name,
      lat: round(lat),
      lng: round(lng),
      amenities: r.amenities,
      opening_hours: r.opening_hours,
      phone: r.phone,
      status: r.status,
      closed_until: r.closed_until,
      updated_at: new Date(r.updated_at).toISOString(),
    };
  });
  const paging = { crs, next_since: nextSince, has_more: rows.length === limit };
  const body = JSON.stringify(
    format === 'json'
      ? { items, ...paging }
      : {
          type: 'FeatureCollection',
          features: items.map(({ id, lat, lng, ...properties }) => ({
            type: 'Feature',
            id,
            geometry: { type: 'Point', coordinates: [lng, lat] },
            properties,
          })),
          ...paging,
        },
  );
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"` };
}

/** 7 decimals: about 1 cm, as precise as the stored value means anything. */
const round = (x: number) => Math.round(x * 1e7) / 1e7;

/** `since` is "<transaction>.<station id>", as the last page answered it. */
function parseSince(since: string): { xid: string; id: number } {
  const [xid, id] = since.split('.');
  return { xid: xid!, id: Number(id) };
}
