/**
 * Keeps `calendar_days` in step with what ships: the vendored official days (data/official-days.json),
 * the statutory days computed for the years after them up to this year + 2 (provisional), and the
 * autonomous regions' days. Runs at every start on every node (createState): the diff is taken in
 * memory against the stored rows, so a warm database costs one read and no write. Manual entries are
 * never touched; a year whose notice an admin entered keeps it (its official rows win over the computation).
 */
import { parseIsoDate, weekdayOf } from '../../../common/calendar/days';
import { computeRegionalYear } from '../../../common/calendar/regional';
import { computeStatutoryYear } from '../../../common/calendar/statutory';
import type { CalendarDay, IsoDate } from '../../../common/calendar/types';
import type { Db } from '../../db/database';
import { SYSTEM_ACTOR } from '../../http/actor';
import { recordAudit } from '../audit/record';
import officialData from './data/official-days.json' with { type: 'json' };
import * as q from './sql';

const OFFICIAL = officialData as { meta: { first_year: number; last_year: number }; days: CalendarDay[] };
/** The years the vendored notices cover (2004–2026 with chinese-days 1.5.7). */
export const VENDORED_YEARS = { first: OFFICIAL.meta.first_year, last: OFFICIAL.meta.last_year };

const keyOf = (d: Pick<CalendarDay, 'date' | 'region_prefix'>) => `${d.date}|${d.region_prefix}`;
export const yearOf = (date: IsoDate) => Number(date.slice(0, 4));
const sameDay = (a: CalendarDay, b: CalendarDay) =>
  a.is_workday === b.is_workday && a.label === b.label && a.source === b.source && a.provisional === b.provisional;

/** Monday to Friday work, the weekend rests: what a date with no entry is. */
export function isWeekdayDefault(date: IsoDate): boolean {
  const w = weekdayOf(parseIsoDate(date)!);
  return w !== 0 && w !== 6;
}

/** The non-manual days as they should be stored, given what is stored (for the notices admins entered). */
export function desiredDays(stored: readonly CalendarDay[], lastYear: number): CalendarDay[] {
  const desired = [...OFFICIAL.days];
  const entered = new Map<number, CalendarDay[]>();
  for (const d of stored) {
    const year = yearOf(d.date);
    if (d.region_prefix !== '' || d.source !== 'official' || year <= VENDORED_YEARS.last) continue;
    entered.set(year, [...(entered.get(year) ?? []), d]);
  }
  for (let year = VENDORED_YEARS.last + 1; year <= lastYear; year++)
    desired.push(...(entered.get(year) ?? computeStatutoryYear(year)));
  for (let year = VENDORED_YEARS.first; year <= lastYear; year++) desired.push(...computeRegionalYear(year));
  return desired;
}

export interface DayDiff {
  upserts: CalendarDay[];
  deletes: CalendarDay[];
  /** Per region prefix, the dates whose working/rest status the diff changes. */
  changed: Map<string, IsoDate[]>;
}

/** What turns `stored` into `desired`, leaving manual entries alone. */
export function diffDays(stored: readonly CalendarDay[], desired: readonly CalendarDay[]): DayDiff {
  const byKey = new Map(stored.map((d) => [keyOf(d), d]));
  const wanted = new Map(desired.map((d) => [keyOf(d), d]));
  const diff: DayDiff = { upserts: [], deletes: [], changed: new Map() };
  const note = (d: CalendarDay, before: boolean, after: boolean) => {
    if (before === after) return;
    diff.changed.set(d.region_prefix, [...(diff.changed.get(d.region_prefix) ?? []), d.date]);
  };
  for (const [key, want] of wanted) {
    const have = byKey.get(key);
    if (have?.source === 'manual' || (have && sameDay(have, want))) continue;
    diff.upserts.push(want);
    note(want, have ? have.is_workday : isWeekdayDefault(want.date), want.is_workday);
  }
  for (const [key, have] of byKey) {
    if (have.source === 'manual' || wanted.has(key)) continue;
    diff.deletes.push(have);
    note(have, have.is_workday, isWeekdayDefault(have.date));
  }
  for (const dates of diff.changed.values()) dates.sort();
  return diff;
}

/**
 * Brings the stored days in step (see the header) and returns them. Concurrent starts are serialised
 * by an advisory lock and the second finds nothing left to do. A first load records one change with
 * no dates (nothing could have been computed on a calendar that did not exist) and no audit row.
 */
export async function refreshCalendarDays(db: Db, lastYear: number): Promise<CalendarDay[]> {
  const stored = await q.findAllDays(db);
  if (isEmpty(diffDays(stored, desiredDays(stored, lastYear)))) return stored;
  return db.transaction().execute(async (trx) => {
    await q.lockCalendar(trx);
    const locked = await q.findAllDays(trx);
    const diff = diffDays(locked, desiredDays(locked, lastYear));
    if (isEmpty(diff)) return locked;
    await q.deleteDays(trx, diff.deletes);
    await q.upsertDays(trx, diff.upserts);
    const changes = locked.length === 0 ? new Map([['', []]]) : diff.changed;
    if (changes.size === 0) changes.set('', []);
    for (const [regionPrefix, dates] of changes)
      await q.insertChange(trx, { accountId: null, kind: 'refresh', year: null, regionPrefix, dates });
    // The first load is part of setting the deployment up, like its migrations; later refreshes are audited.
    if (locked.length > 0)
      await recordAudit(
        { db: trx, actor: SYSTEM_ACTOR, ip: null },
        {
          action: 'calendar.refreshed',
          entityType: 'calendar',
          orgPath: null,
          details: {
            written: diff.upserts.length,
            removed: diff.deletes.length,
            changed_dates: Object.fromEntries(diff.changed),
            through_year: lastYear,
          },
        },
      );
    return q.findAllDays(trx);
  });
}

const isEmpty = (diff: DayDiff) => diff.upserts.length === 0 && diff.deletes.length === 0;
