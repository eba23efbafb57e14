import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Static, TObject } from '@sinclair/typebox';
import { EXPORT_REASON } from '../../../common/api/imports';
import { Strict } from '../../../common/api/schemas';
import type { ExportKind } from '../../http/export-kind';
import { JSON_BODY, responses, SIGNED_IN } from '../../http/responses';
import { sendXlsx, writeXlsxStream, XlsxBytes } from './export';
import { exportRows, startExport } from './export-service';

/** Masked exports per account and hour: each streams a whole filtered list. */
export const EXPORTS_PER_HOUR = 60;
/** Unmasked exports per account and hour, as members/unmask.ts limits showing one member's numbers. */
export const UNMASKED_EXPORTS_PER_HOUR = 10;

const perAccount = (name: string, max: number) => ({
  rateLimit: {
    hook: 'preHandler' as const,
    max,
    timeWindow: '1 hour',
    keyGenerator: (req: FastifyRequest) =>
      req.ctx.actor?.kind === 'account' ? `${name}:${req.ctx.actor.accountId}` : `ip:${req.ip}`,
  },
});

/**
 * Serves a list's xlsx export (server/http/export-kind.ts): `GET <path>/export.xlsx?<filters>`
 * with masked values, and, when the kind has an unmask permission, `POST <path>/export`
 * `{ filters, reason }` with full values where the caller holds it. Called by the owning feature
 * from its routes; the file is streamed from keyset pages, the audit entry names the filters and
 * the row count.
 */
export function registerExportRoutes<F extends TObject>(app: FastifyInstance, kind: ExportKind<F>): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = [kind.name.split('.')[0]!];
  const fileName = (unmasked: boolean) =>
    `${kind.title}${unmasked ? '-完整号码' : ''}-${new Date().toISOString().slice(0, 10)}.xlsx`;
  const send = (req: FastifyRequest, reply: Parameters<typeof sendXlsx>[0], filters: Static<F>, reason?: string) => {
    const run = startExport(req.ctx, kind, filters, reason);
    return sendXlsx(reply, fileName(reason !== undefined), (out) =>
      writeXlsxStream(out, kind.title, kind.columns, exportRows(req.ctx, kind, filters, run)),
    );
  };

  r.get(
    `${kind.path}/export.xlsx`,
    {
      schema: {
        tags,
        summary: `导出${kind.title}（脱敏） Export the filtered list to xlsx, masked`,
        querystring: kind.filters,
        response: responses({ 200: XlsxBytes }, [...SIGNED_IN, 'validation_failed', 'forbidden']),
      },
      config: perAccount(`export:${kind.name}`, EXPORTS_PER_HOUR),
    },
    async (req, reply) => send(req, reply, req.query as Static<F>),
  );

  if (!kind.unmaskPermission) return;
  r.post(
    `${kind.path}/export`,
    {
      schema: {
        tags,
        summary: `导出${kind.title}（完整号码，需填写理由，留痕） Export with full values: a reason, audited, rate-limited`,
        body: Strict({ filters: kind.filters, reason: EXPORT_REASON }),
        response: responses({ 200: XlsxBytes }, [...SIGNED_IN, ...JSON_BODY, 'forbidden']),
      },
      config: perAccount(`export-unmasked:${kind.name}`, UNMASKED_EXPORTS_PER_HOUR),
    },
    async (req, reply) => {
      const body = req.body as { filters: Static<F>; reason: string };
      return send(req, reply, body.filters, body.reason);
    },
  );
}
