import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Static } from '@sinclair/typebox';
import { FeedGeoJson, FeedJson, FeedQuery } from '../../../common/api/stations';
import { responses } from '../../http/responses';
import { stationFeed, type FeedFormat } from './feed';

/**
 * The public station feed, as JSON and as GeoJSON. Cacheable by anyone (it holds no caller's data):
 * `public, max-age=60` and a strong ETag, so a partner polling with If-None-Match gets a 304 until
 * something changed.
 */
export function stationFeedRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const answer =
    (format: FeedFormat, type: string) =>
    async (req: FastifyRequest<{ Querystring: Static<typeof FeedQuery> }>, reply: FastifyReply) => {
      const { body, etag } = await stationFeed(req.ctx, req.query, format);
      reply.header('cache-control', 'public, max-age=60').header('etag', etag);
      if (req.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type(type).send(body);
    };
  r.get(
    '/stations/feed',
    {
      schema: {
        tags: ['stations'],
        summary: '驿站数据（供地图和合作方同步） The station feed for map apps and partners, JSON',
        description:
          'Pages of stations in a chosen crs. Start without `since`; follow `next_since` while `has_more`; keep the last `next_since` and pull again later for what changed. A station with status `retired` is gone: drop it (pages after the first may carry some).',
        querystring: FeedQuery,
        response: responses({ 200: FeedJson }, ['validation_failed']),
      },
      config: { access: 'public' },
    },
    answer('json', 'application/json; charset=utf-8'),
  );
  r.get(
    '/stations/feed.geojson',
    {
      schema: {
        tags: ['stations'],
        summary: '驿站数据 GeoJSON The station feed as a GeoJSON FeatureCollection',
        description:
          'The same pages as /stations/feed. Coordinates are [lng, lat] in `crs` (RFC 7946 says WGS-84: ask crs=wgs84 for strict GeoJSON).',
        querystring: FeedQuery,
        response: responses({ 200: FeedGeoJson }, ['validation_failed']),
      },
      config: { access: 'public' },
    },
    answer('geojson', 'application/geo+json; charset=utf-8'),
  );
}
