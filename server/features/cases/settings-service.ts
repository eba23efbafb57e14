import type { Static } from '@sinclair/typebox';
import type { CaseSettingsBody, CaseSettingsView } from '../../../common/api/case-settings';
import { CASE_KINDS } from '../../../common/cases';
import { AppError } from '../../../common/errors';
import { requireAccount, withTransaction, type Ctx } from '../../http/context';
import { inScope, scopeFor } from '../../http/scope';
import { recordAudit } from '../audit/record';
import { settingsAt } from './settings';
import * as q from './sql';

/** The org whose settings are read or changed: in the caller's cases.supervise scope, else 404. */
export async function orgInScope(ctx: Ctx, orgId: number) {
  const actor = requireAccount(ctx);
  const scope = scopeFor(actor, 'cases.supervise');
  const org = await q.findOrg(ctx.db, orgId);
  if (!org || !inScope(scope, org.path)) throw new AppError('not_found');
  return org;
}

/** An org's deadline settings as they apply, and where they come from (a subtree inherits its nearest ancestor's). */
export async function getCaseSettings(ctx: Ctx, orgId: number): Promise<Static<typeof CaseSettingsView>> {
  const org = await orgInScope(ctx, orgId);
  const settings = await settingsAt(ctx, org.path);
  const from = settings.org_id === null ? undefined : await q.findOrg(ctx.db, settings.org_id);
  return {
    org_id: org.id,
    sign_days: settings.sign_days,
    limits: settings.limits,
    show_cadre_names: settings.show_cadre_names,
    from_org: from ? { id: from.id, name: from.name } : null,
    inherited: settings.org_id !== org.id,
  };
}

/**
 * Sets an org's own deadline settings (for its subtree; missing fields keep what applies now), or
 * drops them to inherit again. Cases already open keep their deadlines; new ones count by these.
 */
export async function setCaseSettings(
  ctx: Ctx,
  orgId: number,
  body: Static<typeof CaseSettingsBody>,
): Promise<Static<typeof CaseSettingsView>> {
  const org = await orgInScope(ctx, orgId);
  const unknown = Object.keys(body.limits ?? {}).filter((k) => !(CASE_KINDS as readonly string[]).includes(k));
  if (unknown.length) throw new AppError('validation_failed', { limits: `未知的诉求类型：${unknown.join('、')}` });
  await withTransaction(ctx, async (tx) => {
    if (body.inherit) {
      await q.deleteSettings(tx.db, org.id);
    } else {
      const now = await settingsAt(tx, org.path);
      await q.upsertSettings(tx.db, org.id, {
        sign_days: body.sign_days ?? now.sign_days,
        limits: { ...now.limits, ...body.limits },
        show_cadre_names: body.show_cadre_names ?? now.show_cadre_names,
      });
    }
    await recordAudit(tx, {
      action: 'case.settings_changed',
      entityType: 'org',
      entityId: org.id,
      orgPath: org.path,
      details: body.inherit ? { inherit: true } : { ...body },
    });
  });
  return getCaseSettings(ctx, org.id);
}
