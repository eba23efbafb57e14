import type { Static, TObject } from '@sinclair/typebox';
import { AppError } from '../../../common/errors';
import type { AccountActor } from '../../http/actor';
import { requireAccount, withTransaction, type Ctx } from '../../http/context';
import type { ExportKind, ExportValue } from '../../http/export-kind';
import { scopeFor } from '../../http/scope';
import { recordAudit } from '../audit/record';
import { findOrg } from './sql';

/** An export the caller may make: who, and for the unmasked one why. */
export interface ExportRun {
  actor: AccountActor;
  /** Set on the unmasked export only. */
  reason?: string;
}

/**
 * Checks an export before a byte is sent: the kind's permission somewhere (the rows are scoped by
 * it), and for full values the unmask permission somewhere and a reason of at least 4 characters.
 */
export function startExport<F extends TObject>(
  ctx: Ctx,
  kind: ExportKind<F>,
  _filters: Static<F>,
  reason?: string,
): ExportRun {
  const actor = requireAccount(ctx);
  if (scopeFor(actor, kind.permission).paths.length === 0) throw new AppError('forbidden', undefined, '没有导出的权限');
  if (reason === undefined) return { actor };
  if (!kind.unmaskPermission || scopeFor(actor, kind.unmaskPermission).paths.length === 0)
    throw new AppError('forbidden', undefined, '没有导出完整号码的权限');
  const typed = reason.trim();
  if ([...typed].length < 4) throw new AppError('validation_failed', { reason: '请填写导出理由（至少 4 个字）' });
  return { actor, reason: typed };
}

/**
 * The export's rows as the kind's source reads them, counted; when the stream ends (or the
 * download is cut short) one audit entry names the kind, the filters, the row count, whether
 * full values were shown and why.
 */
export async function* exportRows<F extends TObject>(
  ctx: Ctx,
  kind: ExportKind<F>,
  filters: Static<F>,
  run: ExportRun,
): AsyncGenerator<Record<string, ExportValue>> {
  const unmask = run.reason !== undefined;
  let rows = 0;
  let complete = false;
  try {
    for await (const row of kind.rows(ctx, filters, { actor: run.actor, unmask })) {
      rows++;
      yield row;
    }
    complete = true;
  } finally {
    const orgId = kind.orgOf?.(filters);
    const org = orgId === undefined ? undefined : await findOrg(ctx.db, orgId);
    await withTransaction(ctx, (tx) =>
      recordAudit(tx, {
        action: 'export.downloaded',
        orgPath: org?.path,
        reason: run.reason,
        details: { kind: kind.name, filters, rows, unmasked: unmask, ...(complete ? {} : { complete: false }) },
      }),
    );
  }
}
