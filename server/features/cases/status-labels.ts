import type { Static } from '@sinclair/typebox';
import type { CaseStatusLabelBody, CaseStatusLabels } from '../../../common/api/case-settings';
import { STATUS_LABEL_MAX } from '../../../common/cases';
import { AppError } from '../../../common/errors';
import { withTransaction, type Ctx } from '../../http/context';
import { recordAudit } from '../audit/record';
import { orgInScope } from './settings-service';
import * as q from './sql';

/**
 * The statuses as the org names them (ADR 0004: statuses are data): each with the label that
 * applies there and whose it is. Read and changed under cases.supervise, like the deadline settings.
 */
export async function getStatusLabels(ctx: Ctx, orgId: number): Promise<Static<typeof CaseStatusLabels>> {
  const org = await orgInScope(ctx, orgId);
  return presentLabels(ctx, org);
}

async function presentLabels(ctx: Ctx, org: { id: number; path: string }): Promise<Static<typeof CaseStatusLabels>> {
  const rows = await q.findStatusesWithLabels(ctx.db, org.path);
  return {
    org_id: org.id,
    items: rows.map((r) => ({
      code: r.code,
      category: r.category,
      platform_label: r.platform_label,
      label: r.label_zh ?? r.platform_label,
      from_org: r.org_id === null || r.org_id === undefined ? null : { id: r.org_id, name: r.org_name! },
      own: r.org_id === org.id,
    })),
  };
}

/** The platform's status named by the path, or a 422 naming `code`. */
async function knownStatus(ctx: Ctx, code: string) {
  const status = await q.findPlatformStatus(ctx.db, code);
  if (!status) throw new AppError('validation_failed', { code: `未知的工单状态：${code}` });
  return status;
}

/**
 * Gives a status the org's own label for its subtree (a lower union's own label still wins in
 * its subtree). Setting the same label again changes nothing but the audit trail: a PUT.
 */
export async function setStatusLabel(
  ctx: Ctx,
  orgId: number,
  code: string,
  body: Static<typeof CaseStatusLabelBody>,
): Promise<Static<typeof CaseStatusLabels>> {
  const org = await orgInScope(ctx, orgId);
  const status = await knownStatus(ctx, code);
  const label = body.label.trim();
  if (!label) throw new AppError('validation_failed', { label: '请填写状态名称' });
  if ([...label].length > STATUS_LABEL_MAX)
    throw new AppError('validation_failed', { label: `状态名称不能超过 ${STATUS_LABEL_MAX} 个字` });
  await withTransaction(ctx, async (tx) => {
    await q.upsertStatusLabel(tx.db, org.id, status, label);
    await recordAudit(tx, {
      action: 'case.status_label_changed',
      entityType: 'org',
      entityId: org.id,
      orgPath: org.path,
      details: { code, label },
    });
  });
  return presentLabels(ctx, org);
}

/** Drops the org's own label for a status: it shows its ancestors' (or the platform's) again. */
export async function resetStatusLabel(
  ctx: Ctx,
  orgId: number,
  code: string,
): Promise<Static<typeof CaseStatusLabels>> {
  const org = await orgInScope(ctx, orgId);
  await knownStatus(ctx, code);
  await withTransaction(ctx, async (tx) => {
    const deleted = await q.deleteStatusLabel(tx.db, org.id, code);
    // Resetting a label the org does not have changes nothing and records nothing (a repeated DELETE).
    if (deleted.numDeletedRows > 0n)
      await recordAudit(tx, {
        action: 'case.status_label_changed',
        entityType: 'org',
        entityId: org.id,
        orgPath: org.path,
        details: { code, label: null },
      });
  });
  return presentLabels(ctx, org);
}
