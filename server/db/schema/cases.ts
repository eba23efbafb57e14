import type { ColumnType, Generated } from 'kysely';
import type { CaseCategory, CaseChannel, CaseKind, CaseRating, CaseTier, HazardSeverity } from '../../../common/cases';
import type { Timestamp, CreatedAt } from './columns';

// 工单's tables (docs/decisions/0018). Mirrors migrations/; update both together.

export interface CaseStatusesTable {
  id: Generated<number>;
  org_id: number | null;
  code: string;
  category: CaseCategory;
  label_zh: string;
  label_en: string;
  sort_order: number;
}

export interface CaseSettingsTable {
  org_id: number;
  sign_days: number;
  limits: Record<string, number>;
  show_cadre_names: Generated<boolean>;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

/** 工单 (server/features/cases; migration 2026-12-02T1300). lat/lng are WGS-84. */
export interface CasesTable {
  id: Generated<number>;
  tracking_no: string;
  kind: CaseKind;
  subject: string;
  tier: Generated<CaseTier>;
  emergency: Generated<boolean>;
  channel: CaseChannel;
  status: string;
  category: CaseCategory;
  requester_name_enc: string | null;
  requester_name_masked: string | null;
  phone_hash: Buffer | null;
  phone_enc: string | null;
  phone_masked: string | null;
  anonymous: Generated<boolean>;
  member_id: number | null;
  description_enc: string;
  employer_name: string | null;
  employer_key: string | null;
  employer_uscc: string | null;
  station_id: number | null;
  source_ref: string | null;
  lat: number | null;
  lng: number | null;
  region_code: string | null;
  severity: HazardSeverity | null;
  wage_claimed_fen: number | null;
  wage_recovered_fen: number | null;
  receiving_org_id: number;
  handling_org_id: number | null;
  routed_org_id: number | null;
  routed_by: 'member' | 'location' | 'region' | 'station' | 'fallback' | 'intake' | null;
  /** Every party's org path (ltree[]), written as a text array literal. */
  party_paths: string[];
  intake_account_id: number | null;
  parent_id: number | null;
  is_collective: Generated<boolean>;
  received_at: Date;
  dispatch_due_at: Date | null;
  dispatched_at: Date | null;
  sign_due_at: Date | null;
  signed_at: Date | null;
  signed_on_time: boolean | null;
  clock_from: Date;
  clock_days: number;
  due_at: Date;
  pending_request: 'extension' | 'park' | null;
  pending_days: number | null;
  pending_reason: string | null;
  parked_at: Date | null;
  replied_at: Date | null;
  closed_at: Date | null;
  handling_days: number | null;
  reminded_for: Date | null;
  supervised_for: Date | null;
  publicised_for: Date | null;
  rating: CaseRating | null;
  rating_resolved: boolean | null;
  rating_reason: string | null;
  rated_at: Date | null;
  reopen_count: Generated<number>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** The hotline's knowledge base (server/features/cases/answers.ts; migration 2026-12-02T1310). */
export interface CaseAnswersTable {
  id: Generated<number>;
  org_id: number;
  kind: CaseKind | null;
  title: string;
  body: string;
  keywords: Generated<string>;
  retired: Generated<boolean>;
  version: Generated<number>;
  updated_by: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** 值班电话: where an emergency reaching the union pages its on-duty cadres (migration 2026-12-03T1000). */
export interface CaseDutyPhonesTable {
  id: Generated<number>;
  org_id: number;
  label: string;
  phone_hash: Buffer;
  phone_enc: string;
  phone_masked: string;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface CaseOrgsTable {
  case_id: number;
  org_id: number;
  added_by: number | null;
  added_at: Generated<Date>;
}

/** A case's append-only timeline (its audit trail). */
export interface CaseEventsTable {
  id: Generated<number>;
  case_id: number;
  at: Generated<Date>;
  action: string;
  from_status: string | null;
  to_status: string | null;
  actor_kind: 'account' | 'requester' | 'system';
  actor_account_id: number | null;
  actor_org_id: number | null;
  reason: string | null;
  internal: Generated<boolean>;
  details: Generated<Record<string, unknown>>;
}

/** 打卡: one counted visit (server/features/station-visits); the visitor only as a keyed hash. */

/** 工单's tables (docs/decisions/0018) as Kysely sees them (schema.ts joins the parts into DB). */
/**
 * The case figures' daily roll-up (migration 2026-12-03T0900; docs/decisions/0019): per union and
 * Shanghai day of receipt, the sums of the cases handled in its subtree. Kept by triggers on cases
 * and orgs; rebuilt whole by figures-sql.ts rebuildCaseFigureDays.
 */
export interface CaseFigureDaysTable {
  org_id: number;
  /** 'YYYY-MM-DD', a Shanghai day. */
  day: ColumnType<string, string, string>;
  cases: Generated<number>;
  cat_new: Generated<number>;
  cat_dispatched: Generated<number>;
  cat_in_progress: Generated<number>;
  cat_waiting: Generated<number>;
  cat_resolved: Generated<number>;
  cat_closed: Generated<number>;
  dispatched: Generated<number>;
  signed_on_time: Generated<number>;
  closed: Generated<number>;
  resolved: Generated<number>;
  rated: Generated<number>;
  satisfied: Generated<number>;
  basically: Generated<number>;
  unsatisfied: Generated<number>;
  wage_claimed_fen: Generated<number>;
  wage_recovered_fen: Generated<number>;
  handling_days_sum: Generated<number>;
  handling_days_n: Generated<number>;
}

export interface CasesDB {
  case_statuses: CaseStatusesTable;
  case_settings: CaseSettingsTable;
  cases: CasesTable;
  case_answers: CaseAnswersTable;
  case_orgs: CaseOrgsTable;
  case_events: CaseEventsTable;
  case_figure_days: CaseFigureDaysTable;
  case_duty_phones: CaseDutyPhonesTable;
}
