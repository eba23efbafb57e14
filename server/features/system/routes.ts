import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { PublicConfig } from '../../../common/api/system';
import { responses } from '../../http/responses';

const VERSION = '0.1.0';

/** Public, non-personal system routes: client config, the OpenAPI document, the benchmark reference. */
export function systemRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/config',
    {
      schema: {
        tags: ['system'],
        summary: '客户端配置 Client configuration',
        response: responses({ 200: PublicConfig }, []),
      },
      config: { access: 'public' },
    },
    async () => ({
      demo: app.gonghuiConfig.demo,
      password_profile: app.gonghuiConfig.passwordProfile,
      version: VERSION,
      tile_url: app.gonghuiConfig.map.tileUrl,
      tile_crs: app.gonghuiConfig.map.tileCrs,
    }),
  );

  r.get('/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());

  // The trivial route every benchmark is measured against (DESIGN.md §7): no database, no auth.
  r.get('/ping', { schema: { hide: true }, config: { access: 'public' } }, async () => ({ pong: true }));
}
