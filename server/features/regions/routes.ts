import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../../../common/errors';
import { Nullable, Strict } from '../../http/schemas';
import { findRegion, listRegions } from './regions';

const Region = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.Integer(),
  parent_code: Nullable(Type.String()),
  full_name: Type.String(),
});

/** GB/T 2260 divisions: public reference data, cacheable. */
export function regionRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/regions',
    {
      schema: {
        tags: ['regions'],
        summary: '行政区划 GB/T 2260 divisions under a parent',
        querystring: Strict({ parent_code: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })) }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Composite([Region, Type.Object({ has_children: Type.Boolean() })])),
          }),
        },
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
        params: Strict({ code: Type.String({ pattern: '^[0-9]{6}$' }) }),
        response: { 200: Region },
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
