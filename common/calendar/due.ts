/**
 * Deadlines in working days (DESIGN.md §4.4). The day of receipt never counts, whatever the hour; a limit of
 * N working days ends with the Nth working day after it, i.e. at 00:00 +08:00 of the next day. Hour limits
 * (an emergency dispatched within 1 hour) ignore the calendar.
 */
import { AppError } from '../errors';
import { dayOfInstant, formatShanghai, isoFromDay, parseIsoDate, startOfDay, type DayNumber } from './days';
import type { DueExplanation, SkippedRun } from './types';
import { assertCovered, CalendarRangeError, entryOf, viewFor, weekendLabel, type WorkCalendar } from './work-calendar';

/** The first year of the official data (chinese-days, docs/decisions/0010-calendar.md). */
export const FIRST_CALENDAR_YEAR = 2004;
/** How far ahead a date may lie: the law lets us compute the holidays of any year, but not the make-up days. */
export const YEARS_AHEAD = 2;
/** About one working year (245–251 working days): more is a mistake, not a limit (the longest default is 13 × 3). */
export const MAX_WORKING_DAYS = 250;
/** Hour limits are short (1 hour for an emergency); 30 days of hours is already not one. */
export const MAX_HOURS = 720;

/** The years a date given to the API may fall in: the data's first year through this year + 2. */
export function supportedYears(now: Date): { first: number; last: number } {
  return {
    first: FIRST_CALENDAR_YEAR,
    last: Number(isoFromDay(dayOfInstant(now.getTime())).slice(0, 4)) + YEARS_AHEAD,
  };
}

/** A Chinese message for a bad `YYYY-MM-DD`, or null when it is a real date in the supported years. */
export function isoDateError(text: string, now: Date): string | null {
  const day = parseIsoDate(text);
  if (day === null) return '日期不存在，格式应为 YYYY-MM-DD';
  return dayRangeError(day, now);
}

/** A Chinese message for a bad receipt moment (not a time, or outside the supported years), or null. */
export function instantError(at: Date, now: Date): string | null {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) return '时间无效';
  return dayRangeError(dayOfInstant(ms), now);
}

function dayRangeError(day: DayNumber, now: Date): string | null {
  const { first, last } = supportedYears(now);
  const year = Number(isoFromDay(day).slice(0, 4));
  return year < first || year > last ? `日期须在 ${first} 年至 ${last} 年之间` : null;
}

/** A Chinese message for a bad number of working days, or null: an integer from 1 to MAX_WORKING_DAYS. */
export function workingDaysError(n: number): string | null {
  return Number.isInteger(n) && n >= 1 && n <= MAX_WORKING_DAYS
    ? null
    : `工作日天数须为 1 至 ${MAX_WORKING_DAYS} 之间的整数`;
}

/** A Chinese message for a bad hour limit, or null: more than 0 and at most MAX_HOURS. */
export function hoursError(hours: number): string | null {
  return Number.isFinite(hours) && hours > 0 && hours <= MAX_HOURS ? null : `小时数须大于 0 且不超过 ${MAX_HOURS}`;
}

function receiptDay(cal: WorkCalendar, from: Date): DayNumber {
  const ms = from.getTime();
  if (!Number.isFinite(ms)) throw new AppError('validation_failed', { from: '时间无效' });
  const day = dayOfInstant(ms);
  assertCovered(cal, day);
  return day;
}

/** The last working day counted: two array reads on the region's view. */
function dueDayOf(cal: WorkCalendar, from: Date, n: number, regionCode: string | null | undefined): DayNumber {
  const message = workingDaysError(n);
  if (message) throw new AppError('validation_failed', { working_days: message });
  const view = viewFor(cal, regionCode);
  const start = receiptDay(cal, from);
  const k = view.cum[start - cal.firstDay]! + n;
  if (k > view.workdays.length) throw new CalendarRangeError(cal.years[cal.years.length - 1]!.year + 1);
  return cal.firstDay + view.workdays[k - 1]!;
}

/** The instant N working days after receipt end (00:00 +08:00 after the Nth working day); for bulk use. */
export function dueAt(cal: WorkCalendar, from: Date, n: number, regionCode?: string | null): Date {
  return new Date(startOfDay(dueDayOf(cal, from, n, regionCode) + 1));
}

/** The same deadline as dueAt, explained: every working day counted, every day skipped and why. */
export function addWorkingDays(cal: WorkCalendar, from: Date, n: number, regionCode?: string | null): DueExplanation {
  const dueDay = dueDayOf(cal, from, n, regionCode);
  const view = viewFor(cal, regionCode);
  const counted: DueExplanation['counted'] = [];
  const skipped: SkippedRun[] = [];
  let provisional = false;
  let lastSkipped = Number.NaN;
  // Reads the precomputed arrays rather than calling viewDay: this loop is what an explained due date costs.
  for (let day = dayOfInstant(from.getTime()) + 1; day <= dueDay; day++) {
    const i = day - cal.firstDay;
    const entry = entryOf(cal, view, day);
    const isProvisional = entry ? entry.provisional : cal.provisionalYear[i] === 1;
    provisional ||= isProvisional;
    if (view.work[i] === 1) {
      counted.push({ date: cal.isoDates[i]!, label: entry ? entry.label : null });
      continue;
    }
    const label = entry ? entry.label : weekendLabel(day);
    const last = skipped[skipped.length - 1];
    const follows = last !== undefined && lastSkipped === day - 1;
    lastSkipped = day;
    // A plain Saturday and Sunday read as one weekend; anything else merges only with the same reason.
    const reason = follows && last.reason === '周六' && !entry && label === '周日' ? '周末' : label;
    if (follows && last.reason === reason) {
      last.to = cal.isoDates[i]!;
      last.provisional ||= isProvisional;
    } else if (follows && reason === '周末') {
      Object.assign(last, { to: cal.isoDates[i]!, reason, provisional: last.provisional || isProvisional });
    } else {
      skipped.push({ from: cal.isoDates[i]!, to: cal.isoDates[i]!, reason, provisional: isProvisional });
    }
  }
  return {
    due_at: formatShanghai(startOfDay(dueDay + 1)),
    due_date: isoFromDay(dueDay),
    working_days: n,
    counted,
    skipped,
    provisional,
    region_code: regionCode || null,
  };
}

/**
 * The working days that have fully elapsed after the day of `from` by the instant `to`: working days D with
 * day(from) < D and D's end (next 00:00 +08:00) ≤ `to`. So workingDaysBetween(from, dueAt(from, n)) = n, and
 * one millisecond earlier it is n − 1. 0 when `to` is not past the end of the next working day.
 */
export function workingDaysBetween(cal: WorkCalendar, from: Date, to: Date, regionCode?: string | null): number {
  const view = viewFor(cal, regionCode);
  const start = receiptDay(cal, from);
  const toMs = to.getTime();
  if (!Number.isFinite(toMs)) throw new AppError('validation_failed', { to: '时间无效' });
  const lastDone = dayOfInstant(toMs) - 1;
  if (lastDone <= start) return 0;
  assertCovered(cal, lastDone);
  return view.cum[lastDone - cal.firstDay]! - view.cum[start - cal.firstDay]!;
}

/** An hour limit: the calendar does not matter (an emergency is dispatched within 1 hour, night or holiday). */
export function addHours(from: Date, hours: number): Date {
  const message = hoursError(hours);
  if (message) throw new AppError('validation_failed', { hours: message });
  return new Date(from.getTime() + hours * 3_600_000);
}

/** A skipped run as people write it: `2026-10-01…07 国庆节`, `2026-12-31…2027-01-01 元旦`, `2026-10-11 周日`. */
export function describeRun(run: SkippedRun): string {
  const to =
    run.to === run.from
      ? ''
      : run.to.slice(0, 4) !== run.from.slice(0, 4)
        ? `…${run.to}`
        : run.to.slice(5, 7) !== run.from.slice(5, 7)
          ? `…${run.to.slice(5)}`
          : `…${run.to.slice(8)}`;
  return `${run.from}${to} ${run.reason}${run.provisional ? '（暂定）' : ''}`;
}
