import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../../../common/errors';
import { Region, RegionList, RegionListQuery, RegionParams } from '../../../common/api/regions';
import { responses } from '../../http/responses';
import { findRegion, listRegions } from './regions';

/** GB/T 2260 divisions: public reference data, cacheable. */
export function regionRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/regions',
    {
      schema: {
        tags: ['regions'],
        summary: '行政区划 GB/T 2260 divisions under a parent',
        querystring: RegionListQuery,
        response: responses({ 200: RegionList }, ['validation_failed', 'not_found']),
      },
      config: { access: 'public' },
    },
    async (req, reply) => {
      if (req.query.parent_code && !findRegion(req.query.parent_code)) throw new AppError('not_found');
      reply.header('cache-control', 'public, max-age=86400');
      return { items: listRegions(req.query.parent_code ?? null) };
    },
  );
  r.get(
    '/regions/:code',
    {
      schema: {
        tags: ['regions'],
        summary: '一个行政区划 One division',
        params: RegionParams,
        response: responses({ 200: Region }, ['validation_failed', 'not_found']),
      },
      config: { access: 'public' },
    },
    async (req, reply) => {
      const region = findRegion(req.params.code);
      if (!region) throw new AppError('not_found');
      reply.header('cache-control', 'public, max-age=86400');
      return region;
    },
  );
}
