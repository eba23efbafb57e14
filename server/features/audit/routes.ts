import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { PageQuery } from '../../http/pagination';
import { Nullable, Page, Strict } from '../../http/schemas';
import { listAudit } from './service';

const AuditItem = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor_label: Type.String(),
  account_id: Nullable(Type.Integer()),
  ip: Nullable(Type.String()),
  action: Type.String(),
  entity_type: Nullable(Type.String()),
  entity_id: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  details: Type.Unknown(),
  entity_name: Type.Optional(
    Nullable(
      Type.String({
        description:
          '对象的当前名称（仅限管理范围内的组织和账号）The current name of the org or account, when it lies in the caller’s scope',
      }),
    ),
  ),
  org_names: Type.Optional(
    Type.Record(Type.String({ pattern: '^[0-9]+$' }), Type.String(), {
      description:
        '详情中提到的组织（仅限管理范围内）的名称，按 id Names of the orgs the details mention that lie in the caller’s scope, by id',
    }),
  ),
});

export function auditRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志 Audit log in scope',
        querystring: Strict({
          action: Type.Optional(Type.String({ maxLength: 60 })),
          entity_type: Type.Optional(Type.String({ maxLength: 40 })),
          entity_id: Type.Optional(Type.String({ maxLength: 40 })),
          account_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
          // Years PostgreSQL's date arithmetic and any real audit trail share.
          from: Type.Optional(Type.String({ format: 'date', pattern: '^(19|2[0-9])[0-9]{2}-' })),
          to: Type.Optional(Type.String({ format: 'date', pattern: '^(19|2[0-9])[0-9]{2}-' })),
          ...PageQuery,
        }),
        response: { 200: Page(AuditItem) },
      },
    },
    async (req) => listAudit(req.ctx, req.query),
  );
}
