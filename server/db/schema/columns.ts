import type { ColumnType } from 'kysely';

/** A timestamp column: read as a Date, written as a Date or an ISO string, optional on insert. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A creation timestamp: set by its default, never updated. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
