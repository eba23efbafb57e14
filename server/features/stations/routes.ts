import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { NearbyList, NearbyQuery, StationParams, StationQuery, StationView } from '../../../common/api/stations';
import { responses } from '../../http/responses';
import { findNearbyStations, getPublicStation } from './service';

/**
 * The stations' public routes (DESIGN.md §5). Rate limited by the app's per-address limit like every
 * public route; the nearby answer is cacheable by the phone alone (`private`): a shared cache would
 * keep the caller's coordinates, which are in its URL.
 */
export function stationRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/stations/nearby',
    {
      schema: {
        tags: ['stations'],
        summary: '附近的驿站 The nearest stations, in the caller’s coordinate system',
        querystring: NearbyQuery,
        response: responses({ 200: NearbyList }, ['validation_failed']),
      },
      config: { access: 'public' },
    },
    async (req, reply) => {
      const answer = await findNearbyStations(req.ctx, req.query);
      // The answer is built to the schema field by field (present() in service.ts); the engine's
      // JSON.stringify writes its Chinese names several times faster than the schema's serializer.
      return reply.header('cache-control', 'private, max-age=30').serializer(JSON.stringify).send(answer);
    },
  );
  r.get(
    '/stations/:id',
    {
      schema: {
        tags: ['stations'],
        summary: '一个驿站 One station',
        params: StationParams,
        querystring: StationQuery,
        response: responses({ 200: StationView }, ['validation_failed', 'not_found']),
      },
      config: { access: 'public' },
    },
    async (req, reply) => {
      const station = await getPublicStation(req.ctx, req.params.id, req.query.crs);
      reply.header('cache-control', 'public, max-age=60');
      return station;
    },
  );
}
