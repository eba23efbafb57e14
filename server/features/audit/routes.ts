import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AuditEntry, AuditListQuery } from '../../../common/api/audit';
import { Page } from '../../../common/api/schemas';
import { responses, SIGNED_IN } from '../../http/responses';
import { listAudit } from './service';

export function auditRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志 Audit log in scope',
        querystring: AuditListQuery,
        response: responses({ 200: Page(AuditEntry) }, [...SIGNED_IN, 'validation_failed']),
      },
    },
    async (req) => listAudit(req.ctx, req.query),
  );
}
