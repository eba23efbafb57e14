import type { ColumnType, Generated } from 'kysely';
import type { OrgType } from '../../common/org-types';
import type { Occupation } from '../../common/members';
import type { ProblemKind, ProblemStatus } from '../../common/station-visits';
import type { Amenity, StationAward, StationKind, StationStatus } from '../../common/stations';
import type { CaseCategory, CaseChannel, CaseKind, CaseRating, CaseTier, HazardSeverity } from '../../common/cases';

/** Kysely's view of the tables (mirrors migrations/; update both together). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface OrgsTable {
  id: Generated<number>;
  parent_id: number | null;
  path: string;
  name: string;
  short_name: string | null;
  name_pinyin: string;
  name_initials: string;
  type: OrgType;
  region_code: string;
  level: number;
  uscc: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  status: Generated<'active' | 'inactive'>;
  founded_on: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RolesTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string;
  permissions: string[];
  is_system: Generated<boolean>;
  updated_at: Timestamp;
}

export interface AccountsTable {
  id: Generated<number>;
  org_id: number;
  username: string;
  display_name: string;
  password_hash: string;
  password_changed_at: Timestamp;
  must_change_password: Generated<boolean>;
  totp_secret_enc: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: number | null;
  status: Generated<'active' | 'disabled'>;
  last_login_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface GrantsTable {
  id: Generated<number>;
  account_id: number;
  org_id: number;
  role_id: number;
  created_at: CreatedAt;
  created_by: number | null;
}

export interface SessionsTable {
  token_hash: Buffer;
  account_id: number | null;
  phone_hash: Buffer | null;
  phone_enc: string | null;
  restriction: 'password_change' | 'totp_enrollment' | null;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Date;
  ip: string | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  key: string;
  at: CreatedAt;
}

export interface OtpCodesTable {
  id: Generated<number>;
  phone_hash: Buffer;
  purpose: string;
  code_hash: Buffer;
  attempts: Generated<number>;
  created_at: CreatedAt;
  expires_at: Date;
  used_at: Date | null;
}

/** Failed one-time-code verifications per network address (server/features/auth). */
export interface OtpAddressFailuresTable {
  id: Generated<number>;
  address: string;
  created_at: CreatedAt;
}

export interface IdempotencyKeysTable {
  key: string;
  scope: string;
  request_hash: Buffer;
  status_code: number | null;
  response_body: unknown;
  created_at: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  account_id: number | null;
  actor_label: string;
  ip: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  org_path: string | null;
  reason: string | null;
  details: unknown;
  /** Position in the hash chain, and the hashes; set by the database on insert (never by the app). */
  chain_seq: Generated<number>;
  prev_hash: Generated<string>;
  row_hash: Generated<string>;
}

/** The hash chain's last position and hash (one row; written only by audit_log's insert trigger). */
export interface AuditChainHeadTable {
  one: Generated<boolean>;
  seq: number;
  hash: string;
}

export interface CalendarDaysTable {
  date: string;
  region_prefix: Generated<string>;
  is_workday: boolean;
  label: string;
  source: 'official' | 'statutory' | 'manual';
  provisional: Generated<boolean>;
  updated_at: Timestamp;
}

export interface CalendarChangesTable {
  id: Generated<number>;
  at: CreatedAt;
  account_id: number | null;
  kind: 'notice' | 'day' | 'refresh';
  year: number | null;
  region_prefix: Generated<string>;
  dates: ColumnType<string[], string[] | undefined, never>;
}

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** Runs of named jobs (server/jobs/runner.ts claims them; the jobs feature writes them). */
export interface JobsTable {
  id: Generated<number>;
  name: string;
  payload: unknown;
  state: Generated<JobState>;
  org_id: number | null;
  permission: string;
  started_by: number | null;
  schedule_slot: Date | null;
  singleton_key: string | null;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  retry_delay_s: Generated<number>;
  retry_backoff: Generated<boolean>;
  run_after: Timestamp;
  locked_by: string | null;
  locked_until: Date | null;
  progress: Generated<number>;
  progress_message: string | null;
  result: unknown;
  error: string | null;
  created_at: CreatedAt;
  started_at: Date | null;
  finished_at: Date | null;
}

/** The last cron slot fired per scheduled job. */
export interface JobSchedulesTable {
  name: string;
  last_slot: Date | null;
  updated_at: Timestamp;
}

/** Uploads (server/features/files): the bytes are in object storage under the keys. */
export interface FilesTable {
  id: string;
  kind: string;
  record_id: number | null;
  attached_at: Date | null;
  uploader_account_id: number | null;
  uploader_phone_hash: Buffer | null;
  upload_token_hash: Buffer | null;
  content_type: string;
  size: number;
  width: number | null;
  height: number | null;
  sha256: Buffer;
  storage_key: string;
  thumb_key: string | null;
  is_public: boolean;
  created_at: CreatedAt;
  deleted_at: Date | null;
}

/** The member registry (server/features/members); personal data as ciphertext, blind index and mask. */
export interface MembersTable {
  id: Generated<number>;
  member_no: string;
  org_id: number;
  status: Generated<'active' | 'pending' | 'transferring' | 'lapsed'>;
  channel: 'qr' | 'search' | 'pool' | 'import' | 'cadre';
  name: string;
  name_pinyin: string;
  name_initials: string;
  id_hash: Buffer;
  id_enc: string;
  id_masked: string;
  gender: 'M' | 'F';
  birth_year: number;
  id_region_code: string;
  phone_hash: Buffer | null;
  phone_enc: string | null;
  phone_masked: string | null;
  occupation: string;
  platform: string | null;
  employer: string | null;
  is_new_form: Generated<boolean>;
  work_region_code: string | null;
  residence_region_code: string | null;
  hardship_level: 'general' | 'deep' | 'accidental' | null;
  photo_file_id: string | null;
  joined_on: string;
  lapsed_on: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface MemberHonoursTable {
  id: Generated<number>;
  member_id: number;
  kind: 'model_worker' | 'craftsman' | 'may_day_medal' | 'technical_expert';
  level: 'national' | 'provincial' | 'city' | 'county' | 'enterprise';
  year: number;
  title: string | null;
  awarded_by: string | null;
  created_at: CreatedAt;
}

/** 码上入会 applications (server/features/joins). */
export interface JoinApplicationsTable {
  id: Generated<number>;
  application_no: string;
  org_id: number;
  channel: 'union' | 'pool';
  source: 'qr' | 'search' | 'home';
  status: 'pending' | 'pooled' | 'approved' | 'refused';
  name: string;
  id_hash: Buffer;
  id_enc: string;
  id_masked: string;
  gender: 'M' | 'F';
  birth_year: number;
  id_region_code: string;
  phone_hash: Buffer;
  phone_enc: string;
  phone_masked: string;
  occupation: string;
  platform: string | null;
  employer: string | null;
  is_new_form: boolean;
  work_region_code: string | null;
  residence_region_code: string | null;
  consent_version: string;
  consented_at: Timestamp;
  member_id: number | null;
  placed_org_id: number | null;
  reviewed_by: number | null;
  reviewed_at: Timestamp | null;
  refusal_reason: string | null;
  /** Optimistic locking for decisions (migration 2026-12-02T0910). */
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface JoinSettingsTable {
  org_id: number;
  auto_approve: boolean;
  updated_by: number | null;
  updated_at: Timestamp;
}

/** 会籍接转 (server/features/transfers). */
export interface TransfersTable {
  id: Generated<number>;
  member_id: number;
  from_org_id: number;
  to_org_id: number;
  requested_by: 'member' | 'org';
  requested_by_account: number | null;
  reason: string | null;
  state: Generated<'pending' | 'accepted' | 'refused' | 'cancelled'>;
  auto_accepted: Generated<boolean>;
  due_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by: number | null;
  refusal_reason: string | null;
  created_at: CreatedAt;
  version: Generated<number>;
  updated_at: Timestamp;
  cancelled_by: 'member' | 'org' | null;
}

/** Spreadsheet imports (server/features/imports). */
export interface ImportsTable {
  id: Generated<number>;
  kind: string;
  org_id: number;
  file_path: string;
  original_name: string;
  status: Generated<'queued' | 'running' | 'done' | 'refused' | 'failed' | 'cancelled'>;
  message: string | null;
  total_rows: number | null;
  read_rows: Generated<number>;
  written_rows: Generated<number>;
  duplicate_rows: Generated<number>;
  error_rows: Generated<number>;
  checkpoint_row: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
  /** The job run working it (migration 2026-12-02T0930). */
  job_id: number | null;
}

/** The rows an import did not write, with why (raw row encrypted: it holds personal data). */
export interface ImportErrorsTable {
  import_id: number;
  row_number: number;
  raw_enc: string;
  message: string;
}

/** Rest stations (server/features/stations; migration 2026-12-02T1100). lat/lng are WGS-84. */
export interface StationsTable {
  id: Generated<number>;
  org_id: number;
  kind: StationKind;
  name: string;
  address: string;
  region_code: string;
  lat: number;
  lng: number;
  amenities: Generated<Amenity[]>;
  opening_hours: Generated<string>;
  phone: string | null;
  keeper_account_id: number | null;
  status: Generated<StationStatus>;
  closed_until: string | null;
  award: StationAward | null;
  award_year: number | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** The transaction that last wrote the row (xid8, as text): the feed's order (migration T1230). */
  feed_xid: Generated<string>;
}

/** Demand point sets for the coverage analysis (server/features/coverage; migration 2026-12-02T1240). */
export interface CoveragePointSetsTable {
  id: Generated<number>;
  org_id: number;
  name: string;
  source: 'upload' | 'demo';
  import_id: number | null;
  point_count: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface CoveragePointsTable {
  set_id: number;
  lat: number;
  lng: number;
  weight: Generated<number>;
  label: string | null;
}

export interface CoverageRunsTable {
  id: Generated<number>;
  org_id: number;
  source: 'members' | 'set';
  set_id: number | null;
  job_id: number | null;
  status: Generated<'queued' | 'done' | 'failed'>;
  result: unknown;
  created_by: number | null;
  created_at: CreatedAt;
  finished_at: Date | null;
}

/** Case statuses as data (server/features/cases; migration 2026-12-02T1300; docs/decisions/0004). */
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
export interface StationVisitsTable {
  id: Generated<number>;
  station_id: number;
  occupation: Occupation;
  visitor_hash: Buffer;
  signed_in: boolean;
  visited_at: Date | string;
  hour_start: Date | string;
  day: ColumnType<string, string, string>;
}

/** A rating of a station, one per rater; the comment sealed and in a masked public form. */
export interface StationReviewsTable {
  id: Generated<number>;
  station_id: number;
  rater_hash: Buffer;
  rating: number;
  comment_enc: string | null;
  comment_public: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** A problem reported at a station (驿站报修), for its keeper and owning union. */
export interface StationProblemsTable {
  id: Generated<number>;
  station_id: number;
  kind: ProblemKind;
  description: string;
  contact_phone_enc: string | null;
  contact_phone_masked: string | null;
  signed_in: boolean;
  status: Generated<ProblemStatus>;
  status_note: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface DB {
  orgs: OrgsTable;
  roles: RolesTable;
  accounts: AccountsTable;
  grants: GrantsTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  otp_codes: OtpCodesTable;
  otp_address_failures: OtpAddressFailuresTable;
  idempotency_keys: IdempotencyKeysTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  calendar_days: CalendarDaysTable;
  calendar_changes: CalendarChangesTable;
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  files: FilesTable;
  members: MembersTable;
  member_honours: MemberHonoursTable;
  join_applications: JoinApplicationsTable;
  join_settings: JoinSettingsTable;
  transfers: TransfersTable;
  imports: ImportsTable;
  import_errors: ImportErrorsTable;
  stations: StationsTable;
  coverage_point_sets: CoveragePointSetsTable;
  coverage_points: CoveragePointsTable;
  coverage_runs: CoverageRunsTable;
  station_visits: StationVisitsTable;
  station_reviews: StationReviewsTable;
  station_problems: StationProblemsTable;
  case_statuses: CaseStatusesTable;
  case_settings: CaseSettingsTable;
  cases: CasesTable;
  case_orgs: CaseOrgsTable;
  case_events: CaseEventsTable;
  case_answers: CaseAnswersTable;
}
