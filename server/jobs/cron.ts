/**
 * A minimal 5-field cron (minute hour day-of-month month day-of-week) in Asia/Shanghai, for job
 * schedules. It takes `*`, numbers, ranges `a-b`, lists `a,b` and steps `*\/n`, `a-b/n`; day of week
 * 0–7 (0 and 7 are Sunday). As in Vixie cron, when both day fields are restricted a day matching
 * either one fires. Names (JAN, MON) and the `@hourly` shorthands are not needed and refused.
 *
 * Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact and
 * no time-zone database is needed (cron-parser is not one of our dependencies).
 */

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
/** How far back a slot is looked for: a year and a bit covers any expression that fires at all. */
const LOOKBACK_DAYS = 400;

export interface Cron {
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  daysOfWeek: ReadonlySet<number>;
  /** Whether the day fields were `*`: Vixie cron's rule for combining them. */
  anyDayOfMonth: boolean;
  anyDayOfWeek: boolean;
}

export class CronError extends Error {}

function parseField(field: string, min: number, max: number, name: string): Set<number> {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new CronError(`cron ${name}: "${part}" is not a number, range, list or step`);
    const from = m[1] === '*' ? min : Number(m[2]);
    const to = m[1] === '*' ? max : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? max : from;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (from < min || to > max || from > to || step < 1)
      throw new CronError(`cron ${name}: "${part}" is outside ${min}–${max}`);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

/** Parses a 5-field expression; throws CronError naming the bad field. */
export function parseCron(expression: string): Cron {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) throw new CronError(`cron "${expression}" must have 5 fields`);
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  const daysOfWeek = parseField(dow, 0, 7, 'day of week');
  if (daysOfWeek.has(7)) daysOfWeek.add(0);
  return {
    minutes: parseField(minute, 0, 59, 'minute'),
    hours: parseField(hour, 0, 23, 'hour'),
    daysOfMonth: parseField(dom, 1, 31, 'day of month'),
    months: parseField(month, 1, 12, 'month'),
    daysOfWeek,
    anyDayOfMonth: dom === '*',
    anyDayOfWeek: dow === '*',
  };
}

/** Whether the cron fires on a day (given as a Shanghai wall-clock date in a UTC Date). */
function firesOnDay(cron: Cron, day: Date): boolean {
  if (!cron.months.has(day.getUTCMonth() + 1)) return false;
  const dom = cron.daysOfMonth.has(day.getUTCDate());
  const dow = cron.daysOfWeek.has(day.getUTCDay());
  if (cron.anyDayOfMonth || cron.anyDayOfWeek) return dom && dow;
  return dom || dow;
}

const descending = (set: ReadonlySet<number>) => [...set].sort((a, b) => b - a);

/**
 * The latest instant at or before `now` at which the cron fires (whole minutes, Asia/Shanghai),
 * or null when it has not fired within LOOKBACK_DAYS (e.g. `0 0 30 2 *`).
 */
export function latestSlot(cron: Cron, now: Date): Date | null {
  // Shanghai wall-clock time, carried in a Date's UTC fields.
  const wall = Math.floor((now.getTime() + SHANGHAI_OFFSET_MS) / 60_000) * 60_000;
  const hours = descending(cron.hours);
  const minutes = descending(cron.minutes);
  const today = Math.floor(wall / DAY_MS) * DAY_MS;
  for (let d = 0; d <= LOOKBACK_DAYS; d++) {
    const day = today - d * DAY_MS;
    if (!firesOnDay(cron, new Date(day))) continue;
    // Today only the minutes up to now count; earlier days, the last slot of the day.
    const limit = d === 0 ? wall - day : DAY_MS;
    for (const h of hours)
      for (const m of minutes) {
        const offset = (h * 60 + m) * 60_000;
        if (offset <= limit) return new Date(day + offset - SHANGHAI_OFFSET_MS);
      }
  }
  return null;
}
