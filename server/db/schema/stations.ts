import type { ColumnType, Generated } from 'kysely';
import type { Occupation } from '../../../common/members';
import type { ProblemKind, ProblemStatus } from '../../../common/station-visits';
import type { Amenity, StationAward, StationKind, StationStatus } from '../../../common/stations';
import type { Timestamp, CreatedAt } from './columns';

// Stations' tables: the registry, coverage analysis, visits, reviews and problem reports. Mirrors migrations/; update both together.

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

/** Stations' tables as Kysely sees them (schema.ts joins the parts into DB). */
export interface StationsDB {
  stations: StationsTable;
  coverage_point_sets: CoveragePointSetsTable;
  coverage_points: CoveragePointsTable;
  coverage_runs: CoverageRunsTable;
  station_visits: StationVisitsTable;
  station_reviews: StationReviewsTable;
  station_problems: StationProblemsTable;
}
