import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { PageQuery } from '../../http/pagination';
import { Nullable, Page, Strict } from '../../http/schemas';
import { listAudit } from './service';

const AuditItem = Type.Object({
  id: Type.Integer(), at: Type.String(), actor_label: Type.String(), account_id: Nullable(Type.Integer()), ip: Nullable(Type.String()),
  action: Type.String(), entity_type: Nullable(Type.String()), entity_id: Nullable(Type.String()), reason: Nullable(Type.String()),
  details: Type.Unknown(),
});

export function auditRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/audit', {
    schema: {
      tags: ['audit'], summary: '审计日志 Audit log in scope',
      querystring: Strict({
        action: Type.Optional(Type.String({ maxLength: 60 })),
        entity_type: Type.Optional(Type.String({ maxLength: 40 })),
        entity_id: Type.Optional(Type.String({ maxLength: 40 })),
        account_id: Type.Optional(Type.Integer({ minimum: 1 })),
        from: Type.Optional(Type.String({ format: 'date' })),
        to: Type.Optional(Type.String({ format: 'date' })),
        ...PageQuery,
      }),
      response: { 200: Page(AuditItem) },
    },
  }, async (req) => listAudit(req.ctx, req.query));
}
