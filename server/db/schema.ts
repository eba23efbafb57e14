import type { CasesDB } from './schema/cases';
import type { MembershipDB } from './schema/membership';
import type { PlatformDB } from './schema/platform';
import type { StationsDB } from './schema/stations';

// Kysely's view of the tables, one file per part of the product under schema/ (each mirrors its
// migrations/; update both together). Importers take table types from here.

export type * from './schema/cases';
export type * from './schema/membership';
export type * from './schema/platform';
export type * from './schema/stations';

/** Every table, by name. */
export interface DB extends PlatformDB, MembershipDB, StationsDB, CasesDB {}
