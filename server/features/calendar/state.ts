/**
 * The calendar each app node keeps in memory (FeatureState.calendar): the stored days, the index the
 * arithmetic runs on, and the recorded changes. It is kept in step by polling the calendar's version
 * (the last calendar_changes id) at most every REFRESH_MS when the calendar is asked for, and reloaded
 * at once after this node's own writes; docs/decisions/0010-calendar.md says why not LISTEN/NOTIFY.
 */
import { supportedYears } from '../../../common/calendar/due';
import type { CalendarDay, IsoDate } from '../../../common/calendar/types';
import { createWorkCalendar, type WorkCalendar } from '../../../common/calendar/work-calendar';
import type { Db } from '../../db/database';
import type { Ctx } from '../../http/context';
import { refreshCalendarDays } from './refresh';
import * as q from './sql';

declare module '../../http/context' {
  interface FeatureState {
    calendar: CalendarState;
  }
}

/** How stale another node's change may be here: the staleness bound. */
export const REFRESH_MS = 5_000;

export interface CalendarSnapshot {
  version: number;
  days: readonly CalendarDay[];
  cal: WorkCalendar;
  /** Changes that moved a date between working and rest, for calendarChangedSince. */
  changes: ReadonlyArray<{ id: number; at: number; regionPrefix: string; dates: readonly IsoDate[] }>;
  /** When each year's national days last changed by a notice or a single day (not a refresh). */
  yearChangedAt: ReadonlyMap<number, Date>;
}

export interface CalendarState {
  snapshot: CalendarSnapshot;
  checkedAt: number;
  /** A reload in flight, shared by the requests that arrive meanwhile. */
  pending: Promise<CalendarSnapshot> | null;
}

async function loadSnapshot(db: Db, days?: readonly CalendarDay[]): Promise<CalendarSnapshot> {
  const [stored, changes] = await Promise.all([days ?? q.findAllDays(db), q.findChanges(db)]);
  const yearChangedAt = new Map<number, Date>();
  for (const c of changes) {
    if (c.kind === 'notice' && c.year !== null) yearChangedAt.set(c.year, c.at);
    if (c.kind === 'day') for (const d of c.dates) yearChangedAt.set(Number(d.slice(0, 4)), c.at);
  }
  return {
    version: changes.at(-1)?.id ?? 0,
    days: stored,
    cal: createWorkCalendar(stored),
    changes: changes
      .filter((c) => c.dates.length > 0)
      .map((c) => ({ id: c.id, at: c.at.getTime(), regionPrefix: c.region_prefix, dates: c.dates })),
    yearChangedAt,
  };
}

/** At start: brings the stored days in step with what ships, then loads them (FeatureState.calendar). */
export async function createCalendarState(db: Db): Promise<CalendarState> {
  const days = await refreshCalendarDays(db, supportedYears(new Date()).last);
  return { snapshot: await loadSnapshot(db, days), checkedAt: Date.now(), pending: null };
}

/** The calendar as this node knows it, checking the version when the last check is older than REFRESH_MS. */
export async function currentCalendar(ctx: Pick<Ctx, 'db' | 'state'>): Promise<CalendarSnapshot> {
  const state = ctx.state.calendar;
  if (Date.now() - state.checkedAt < REFRESH_MS) return state.snapshot;
  if (state.pending) return state.pending;
  state.pending = (async () => {
    try {
      const version = await q.findVersion(ctx.db);
      if (version !== state.snapshot.version) state.snapshot = await loadSnapshot(ctx.db);
      state.checkedAt = Date.now();
      return state.snapshot;
    } finally {
      state.pending = null;
    }
  })();
  return state.pending;
}

/** Reloads at once (after this node's own write has committed). */
export async function reloadCalendar(ctx: Pick<Ctx, 'db' | 'state'>): Promise<CalendarSnapshot> {
  const state = ctx.state.calendar;
  state.snapshot = await loadSnapshot(ctx.db);
  state.checkedAt = Date.now();
  return state.snapshot;
}
