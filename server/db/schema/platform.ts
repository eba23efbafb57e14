import type { ColumnType, Generated } from 'kysely';
import type { OrgType } from '../../../common/org-types';
import type { Timestamp, CreatedAt } from './columns';

// The platform's tables: the union tree, accounts and sessions, audit, the calendar, jobs, files and spreadsheet imports. Mirrors migrations/; update both together.

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

/** The platform's tables as Kysely sees them (schema.ts joins the parts into DB). */
export interface PlatformDB {
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
  imports: ImportsTable;
  import_errors: ImportErrorsTable;
}
