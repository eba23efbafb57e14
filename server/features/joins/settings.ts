import type { Static } from '@sinclair/typebox';
import type { JoinSettings } from '../../../common/api/joins';
import { AppError } from '../../../common/errors';
import { TAKES_MEMBERS } from '../../../common/joins';
import { formatOrgCode } from '../../../common/org-code';
import { requireAccount, withTransaction, type Ctx } from '../../http/context';
import { inScope, scopeFor } from '../../http/scope';
import { recordAudit } from '../audit/record';
import { canReviewJoinsAt } from './policy';
import * as q from './sql';

type Settings = Static<typeof JoinSettings>;
type OrgSettingsRow = NonNullable<Awaited<ReturnType<typeof q.findOrgSettings>>>;

/**
 * An org the caller sees (orgs.read) and reviews joins for (joins.review): a union's reviewers are
 * the ones who decide whether it reviews. Unseen: not_found; seen but not reviewed: forbidden.
 */
async function findReviewedOrg(ctx: Ctx, orgId: number): Promise<OrgSettingsRow> {
  const actor = requireAccount(ctx);
  const org = await q.findOrgSettings(ctx.db, orgId);
  if (!org || !inScope(scopeFor(actor, 'orgs.read'), org.path)) throw new AppError('not_found');
  if (!canReviewJoinsAt(actor, org.path)) throw new AppError('forbidden', undefined, '没有入会审核的权限');
  return org;
}

const present = (org: OrgSettingsRow): Settings => ({
  org_id: org.id,
  auto_approve: org.auto_approve ?? false,
  takes_members: TAKES_MEMBERS.has(org.type),
  code: formatOrgCode(org.id),
  org_name: org.name,
  updated_at: org.updated_at ? new Date(org.updated_at).toISOString() : null,
});

/** How a union takes joins: approved at once or reviewed (no setting: reviewed). */
export async function getJoinSettings(ctx: Ctx, orgId: number): Promise<Settings> {
  return present(await findReviewedOrg(ctx, orgId));
}

/** Sets whether a union approves joins at once; audited. A holding pool always takes them at once. */
export async function setJoinSettings(ctx: Ctx, orgId: number, autoApprove: boolean): Promise<Settings> {
  const actor = requireAccount(ctx);
  return withTransaction(ctx, async (tx) => {
    const org = await findReviewedOrg(tx, orgId);
    if (!TAKES_MEMBERS.has(org.type) || org.type === 'holding_pool')
      throw new AppError('validation_failed', {
        auto_approve:
          org.type === 'holding_pool' ? '周转库的入会申请总是即时生效，无需设置' : '该组织不直接接收会员，无需设置',
      });
    await q.upsertSettings(tx.db, orgId, autoApprove, actor.accountId);
    await recordAudit(tx, {
      action: 'join.settings_changed',
      entityType: 'org',
      entityId: orgId,
      orgPath: org.path,
      details: { auto_approve: autoApprove, before: org.auto_approve ?? false },
    });
    return present((await q.findOrgSettings(tx.db, orgId))!);
  });
}
