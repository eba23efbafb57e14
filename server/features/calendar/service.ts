import type { Static } from '@sinclair/typebox';
import type { CalendarYear, DayOverrideBody, DueQuery, NoticeBody } from '../../../common/api/calendar';
import { addWorkingDays, instantError, supportedYears, workingDaysError } from '../../../common/calendar/due';
import type { CalendarDay, DueExplanation, IsoDate } from '../../../common/calendar/types';
import { CalendarRangeError } from '../../../common/calendar/work-calendar';
import { AppError } from '../../../common/errors';
import { requireAccount, withTransaction, type Ctx } from '../../http/context';
import { isCalendarDate } from '../../http/validation';
import { recordAudit } from '../audit/record';
import { attachFiles, listFiles, removeFiles } from '../files/attach';
import { isRegionCode } from '../regions/regions';
import { daysFromNotice } from './notice';
import { canManageCalendar } from './policy';
import { isWeekdayDefault, VENDORED_YEARS, yearOf } from './refresh';
import * as q from './sql';
import { currentCalendar, reloadCalendar, REFRESH_MS, type CalendarSnapshot } from './state';

type YearView = Static<typeof CalendarYear>;

function checkYear(year: number, field = 'year'): void {
  const { first, last } = supportedYears(new Date());
  if (year < first || year > last)
    throw new AppError('validation_failed', { [field]: `年份须在 ${first} 至 ${last} 之间` });
}

function checkRegion(regionCode: string | undefined): void {
  if (regionCode !== undefined && !isRegionCode(regionCode))
    throw new AppError('validation_failed', { region_code: '不是现行的行政区划代码' });
}

/** The entries in force for a region: per date the longest matching regional prefix, else the national entry. */
function daysForRegion(snapshot: CalendarSnapshot, year: number, regionCode: string | undefined): CalendarDay[] {
  const byDate = new Map<IsoDate, CalendarDay>();
  for (const d of snapshot.days) {
    if (yearOf(d.date) !== year) continue;
    if (d.region_prefix !== '' && !regionCode?.startsWith(d.region_prefix)) continue;
    const held = byDate.get(d.date);
    if (!held || d.region_prefix.length > held.region_prefix.length) byDate.set(d.date, d);
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** One year of the calendar for a region, whether it is official or provisional, and which years still are provisional. */
/** The file kind of a notice's scans; a notice's record id is its year. */
export const NOTICE_FILES = 'calendar.notice';

export async function getCalendarYear(ctx: Ctx, year: number, regionCode?: string): Promise<YearView> {
  requireAccount(ctx);
  checkYear(year);
  checkRegion(regionCode);
  const snapshot = await currentCalendar(ctx);
  const { first, last } = supportedYears(new Date());
  const provisionalYears = snapshot.cal.years.filter((y) => y.provisional).map((y) => y.year);
  return {
    year,
    status: provisionalYears.includes(year) ? 'provisional' : 'official',
    region_code: regionCode ?? null,
    days: daysForRegion(snapshot, year, regionCode),
    provisional_years: provisionalYears,
    first_year: first,
    last_year: last,
    changed_at: snapshot.yearChangedAt.get(year)?.toISOString() ?? null,
    notice_files: await listFiles(ctx, NOTICE_FILES, year),
  };
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** The instant of receipt: a date (its day is what counts) or a date-time; without an offset, Beijing time. */
function parseReceipt(text: string): Date {
  const m = DATE_TIME.exec(text);
  if (!m) throw new AppError('validation_failed', { from: '格式应为 2026-09-30T10:00:00+08:00 或 2026-09-30' });
  if (!isCalendarDate(m[1]!)) throw new AppError('validation_failed', { from: '日期不存在' });
  if (Number(m[2] ?? 0) > 23 || Number(m[3] ?? 0) > 59 || Number(m[4] ?? 0) > 59)
    throw new AppError('validation_failed', { from: '时间不存在' });
  const at = new Date(m[2] === undefined ? `${m[1]}T00:00:00+08:00` : m[5] ? text : `${text}+08:00`);
  const error = instantError(at, new Date());
  if (error) throw new AppError('validation_failed', { from: error });
  return at;
}

/** The due date N working days after receipt, explained day by day. */
export async function explainDue(ctx: Ctx, query: Static<typeof DueQuery>): Promise<DueExplanation> {
  requireAccount(ctx);
  const at = parseReceipt(query.from);
  const error = workingDaysError(query.working_days);
  if (error) throw new AppError('validation_failed', { working_days: error });
  checkRegion(query.region_code);
  const { cal } = await currentCalendar(ctx);
  try {
    return addWorkingDays(cal, at, query.working_days, query.region_code);
  } catch (err) {
    if (!(err instanceof CalendarRangeError)) throw err;
    throw new AppError('validation_failed', { working_days: `到期日超出日历范围（${err.year} 年的安排尚未载入）` });
  }
}

/** Working/rest status of each date before and after, where a manual entry does not decide it. */
function changedDates(before: readonly CalendarDay[], after: readonly CalendarDay[]): IsoDate[] {
  const was = new Map(before.map((d) => [d.date, d]));
  const now = new Map(after.map((d) => [d.date, d]));
  const dates = new Set([...was.keys(), ...now.keys()]);
  return [...dates]
    .filter((date) => was.get(date)?.source !== 'manual')
    .filter(
      (date) =>
        (was.get(date)?.is_workday ?? isWeekdayDefault(date)) !== (now.get(date)?.is_workday ?? isWeekdayDefault(date)),
    )
    .sort();
}

/**
 * Enters a year's State Council notice: the year's computed (or earlier entered) national days give way
 * to the notice's, manual entries stay, and the dates whose status changed are recorded for deadlines
 * computed before (calendarChangedSince). Nothing already due is recomputed here.
 */
export async function enterNotice(ctx: Ctx, year: number, notice: Static<typeof NoticeBody>): Promise<YearView> {
  const actor = requireAccount(ctx);
  if (!canManageCalendar(actor)) throw new AppError('forbidden');
  checkYear(year);
  if (year <= VENDORED_YEARS.last)
    throw new AppError('validation_failed', { year: `${year} 年的安排已随系统内置（国务院通知），个别日期请单独修改` });
  const { days, errors } = daysFromNotice(year, notice);
  if (errors) throw new AppError('validation_failed', errors);
  await withTransaction(ctx, async (tx) => {
    await q.lockCalendar(tx.db);
    const stored = await q.findNationalDays(tx.db, `${year}-01-01`, `${year}-12-31`);
    const manual = new Set(stored.filter((d) => d.source === 'manual').map((d) => d.date));
    const wanted = new Set(days.map((d) => d.date));
    await q.deleteDays(
      tx.db,
      stored.filter((d) => !wanted.has(d.date)),
    );
    await q.upsertDays(
      tx.db,
      days.filter((d) => !manual.has(d.date)),
    );
    const dates = changedDates(stored, [
      ...stored.filter((d) => manual.has(d.date)),
      ...days.filter((d) => !manual.has(d.date)),
    ]);
    await q.insertChange(tx.db, { accountId: actor.accountId, kind: 'notice', year, regionPrefix: '', dates });
    // The notice's scans: given, they replace the year's earlier ones (a corrected notice brings its own).
    let files: string[] | undefined;
    if (notice.attachments) {
      await removeFiles(tx, NOTICE_FILES, year, 'all');
      files = (await attachFiles(tx, NOTICE_FILES, year, notice.attachments)).map((f) => f.id);
    }
    await recordAudit(tx, {
      action: 'calendar.notice_entered',
      entityType: 'calendar',
      entityId: year,
      details: { year, holidays: notice.holidays, workdays: notice.workdays, changed_dates: dates, files },
    });
  });
  await reloadCalendar(ctx);
  return getCalendarYear(ctx, year);
}

/** Sets one national day by hand (source manual): it wins over shipped, computed and entered days alike. */
export async function setCalendarDay(
  ctx: Ctx,
  date: IsoDate,
  body: Static<typeof DayOverrideBody>,
): Promise<CalendarDay> {
  const actor = requireAccount(ctx);
  if (!canManageCalendar(actor)) throw new AppError('forbidden');
  if (!isCalendarDate(date)) throw new AppError('validation_failed', { date: '日期不存在' });
  checkYear(yearOf(date), 'date');
  const label = body.label.trim();
  if (!label) throw new AppError('validation_failed', { label: '请填写说明，如 调休上班' });
  const day: CalendarDay = {
    date,
    is_workday: body.is_workday,
    label,
    source: 'manual',
    region_prefix: '',
    provisional: false,
  };
  await withTransaction(ctx, async (tx) => {
    await q.lockCalendar(tx.db);
    const [before] = await q.findNationalDays(tx.db, date, date);
    await q.upsertDays(tx.db, [day], { overManual: true });
    const was = before?.is_workday ?? isWeekdayDefault(date);
    const dates = was === day.is_workday ? [] : [date];
    await q.insertChange(tx.db, { accountId: actor.accountId, kind: 'day', year: null, regionPrefix: '', dates });
    await recordAudit(tx, {
      action: 'calendar.day_set',
      entityType: 'calendar',
      entityId: date,
      details: { date, is_workday: day.is_workday, label, before: before ?? null },
    });
  });
  await reloadCalendar(ctx);
  return day;
}

/** The calendar version a deadline was computed on: store it with the deadline for calendarChangedSince. */
export async function calendarVersion(ctx: Pick<Ctx, 'db' | 'state'>): Promise<number> {
  return (await currentCalendar(ctx)).version;
}

/**
 * Whether any date in [from, to] turned from working to rest day or back (nationally, or in a region
 * prefix of `regionCode`) since a deadline was computed: after calendar version `since.version`
 * (exact), or after the instant `since.computedAt`, widened by the staleness bound since the node
 * that computed it may not yet have seen a change committed just before.
 */
export async function calendarChangedSince(
  ctx: Pick<Ctx, 'db' | 'state'>,
  from: IsoDate,
  to: IsoDate,
  since: { version: number } | { computedAt: Date },
  regionCode?: string | null,
): Promise<boolean> {
  const { changes } = await currentCalendar(ctx);
  const isAfter = (c: { id: number; at: number }) =>
    'version' in since ? c.id > since.version : c.at > since.computedAt.getTime() - REFRESH_MS - 60_000;
  return changes.some(
    (c) =>
      isAfter(c) &&
      (c.regionPrefix === '' || (regionCode ?? '').startsWith(c.regionPrefix)) &&
      c.dates.some((d) => d >= from && d <= to),
  );
}
