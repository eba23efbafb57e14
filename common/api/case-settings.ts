import { Type } from '@sinclair/typebox';
import { CaseOrg } from './cases';
import { Id, Nullable, Strict } from './schemas';

/**
 * 工单设置's API (server/features/cases: settings-service.ts, status-labels.ts, duty.ts): an org's
 * deadline settings, its status labels and its duty phones, each inherited down the tree.
 */

export const CaseSettingsParams = Strict({ orgId: Id });
/** An org's deadline settings as they apply (its own row, or inherited from `from_org`, or the platform's defaults). */
export const CaseSettingsView = Type.Object({
  org_id: Type.Integer(),
  sign_days: Type.Integer(),
  limits: Type.Record(Type.String(), Type.Integer()),
  show_cadre_names: Type.Boolean(),
  /** Where the settings come from: this org, an ancestor (inherited), or null for the platform's defaults. */
  from_org: Nullable(CaseOrg),
  inherited: Type.Boolean(),
});
export const CaseSettingsBody = Strict({
  /** True: drop this org's own settings and inherit its parent's again. */
  inherit: Type.Optional(Type.Boolean()),
  sign_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
  limits: Type.Optional(
    Type.Record(Type.String({ maxLength: 40 }), Type.Integer({ minimum: 1, maximum: 60 }), { maxProperties: 20 }),
  ),
  show_cadre_names: Type.Optional(Type.Boolean()),
});

export const CaseStatusLabelParams = Strict({ orgId: Id, code: Type.String({ maxLength: 40 }) });
/** A status as the org names it: its own label, an ancestor's (`from_org`) or the platform's. */
export const CaseStatusLabel = Type.Object({
  code: Type.String(),
  category: Type.String(),
  platform_label: Type.String(),
  label: Type.String(),
  /** Whose label applies: this org, an ancestor, or null for the platform's. */
  from_org: Nullable(CaseOrg),
  own: Type.Boolean(),
});
export const CaseStatusLabels = Type.Object({ org_id: Type.Integer(), items: Type.Array(CaseStatusLabel) });
/** An org's own label for a status, for its subtree (checked in code: the message names the field). */
export const CaseStatusLabelBody = Strict({ label: Type.String({ maxLength: 100 }) });

/** One of a union's 值班电话 (the number masked; the label a desk, not a person). */
export const CaseDutyPhone = Type.Object({
  id: Type.Integer(),
  label: Type.String(),
  phone_masked: Type.String(),
  created_at: Type.String(),
});
/** An org's own duty phones, and when it has none, those that page for it (its nearest ancestor's). */
export const CaseDutyPhones = Type.Object({
  org_id: Type.Integer(),
  items: Type.Array(CaseDutyPhone),
  inherited: Nullable(Type.Object({ org: CaseOrg, items: Type.Array(CaseDutyPhone) })),
  max: Type.Integer(),
});
export const CaseDutyPhoneBody = Strict({
  label: Type.String({ minLength: 1, maxLength: 20, description: '值班岗位，如“值班室”“值班领导”（不写人名）' }),
  phone: Type.String({ minLength: 1, maxLength: 20, description: '手机号' }),
});
export const CaseDutyPhoneParams = Strict({ orgId: Id, id: Id });
