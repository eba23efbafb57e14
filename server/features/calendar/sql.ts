import { sql } from 'kysely';
import type { CalendarDay, IsoDate } from '../../../common/calendar/types';
import type { Db } from '../../db/database';

/** The calendar's queries (private to the feature). */

const DAY_COLUMNS = ['date', 'region_prefix', 'is_workday', 'label', 'source', 'provisional'] as const;

/** Every stored day, in date order: the whole calendar is a few thousand rows and lives in memory. */
export const findAllDays = (db: Db): Promise<CalendarDay[]> =>
  db.selectFrom('calendar_days').select(DAY_COLUMNS).orderBy('date').orderBy('region_prefix').execute();

/** The national days between two dates (inclusive), for a write that replaces them. */
export const findNationalDays = (db: Db, from: IsoDate, to: IsoDate): Promise<CalendarDay[]> =>
  db
    .selectFrom('calendar_days')
    .select(DAY_COLUMNS)
    .where('region_prefix', '=', '')
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .execute();

/** Inserts or replaces days; a manual entry is never replaced (the WHERE of the conflict). */
export async function upsertDays(db: Db, days: readonly CalendarDay[], options: { overManual?: boolean } = {}) {
  for (let i = 0; i < days.length; i += 500) {
    await db
      .insertInto('calendar_days')
      .values(days.slice(i, i + 500).map((d) => ({ ...d, updated_at: new Date() })))
      .onConflict((oc) => {
        const update = oc.columns(['date', 'region_prefix']).doUpdateSet((eb) => ({
          is_workday: eb.ref('excluded.is_workday'),
          label: eb.ref('excluded.label'),
          source: eb.ref('excluded.source'),
          provisional: eb.ref('excluded.provisional'),
          updated_at: eb.ref('excluded.updated_at'),
        }));
        return options.overManual ? update : update.where('calendar_days.source', '<>', 'manual');
      })
      .execute();
  }
}

/** Deletes the given days unless they are manual entries. */
export async function deleteDays(db: Db, keys: ReadonlyArray<Pick<CalendarDay, 'date' | 'region_prefix'>>) {
  for (let i = 0; i < keys.length; i += 500) {
    const part = keys.slice(i, i + 500);
    await db
      .deleteFrom('calendar_days')
      .where('source', '<>', 'manual')
      .where((eb) =>
        eb.or(part.map((k) => eb.and([eb('date', '=', k.date), eb('region_prefix', '=', k.region_prefix)]))),
      )
      .execute();
  }
}

export interface ChangeRow {
  id: number;
  at: Date;
  region_prefix: string;
  dates: IsoDate[];
  kind: 'notice' | 'day' | 'refresh';
  year: number | null;
}

/** Records a change to the days; its id is the calendar's new version. */
export const insertChange = (
  db: Db,
  change: {
    accountId: number | null;
    kind: ChangeRow['kind'];
    year: number | null;
    regionPrefix: string;
    dates: IsoDate[];
  },
) =>
  db
    .insertInto('calendar_changes')
    .values({
      account_id: change.accountId,
      kind: change.kind,
      year: change.year,
      region_prefix: change.regionPrefix,
      dates: sql<string[]>`${change.dates}::date[]`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

/** Every change, oldest first (a handful a year): the dates as text, so no driver turns them into Dates. */
export const findChanges = (db: Db): Promise<ChangeRow[]> =>
  db
    .selectFrom('calendar_changes')
    .select(['id', 'at', 'region_prefix', 'kind', 'year', sql<string[]>`dates::text[]`.as('dates')])
    .orderBy('id')
    .execute();

/** The calendar's version: the last change's id (0 before any). Cheap enough to poll. */
export async function findVersion(db: Db): Promise<number> {
  const row = await db
    .selectFrom('calendar_changes')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return row?.id ?? 0;
}

/** Serialises the calendar's writers (startup refresh on several nodes, notices): held to the transaction's end. */
export const lockCalendar = (db: Db) => sql`SELECT pg_advisory_xact_lock(hashtext('gonghui.calendar'))`.execute(db);
