import type { Generated } from 'kysely';
import type { Timestamp, CreatedAt } from './columns';

// Membership's tables: members, honours, join applications and settings, transfers. Mirrors migrations/; update both together.

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

/** Membership's tables as Kysely sees them (schema.ts joins the parts into DB). */
export interface MembershipDB {
  members: MembersTable;
  member_honours: MemberHonoursTable;
  join_applications: JoinApplicationsTable;
  join_settings: JoinSettingsTable;
  transfers: TransfersTable;
}
