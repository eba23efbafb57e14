/**
 * The calendar as an in-memory index: the listed days (national and regional exceptions) plus, per
 * region, a working-day bitmap with running counts so that "the Nth working day after D" is two array
 * reads (due.ts). Pure: it receives the days as an argument (the feature loads them from `calendar_days`).
 */
import { AppError } from '../errors';
import { dayFromCivil, isoFromDay, parseIsoDate, weekdayOf, yearOfDay, type DayNumber } from './days';
import type { CalendarDay, CalendarDayView, CalendarSource, CalendarYear, IsoDate } from './types';

/** A region's resolved days across the covered years; `i` is `day - firstDay`. */
export interface CalendarView {
  /** The regional prefixes that apply, longest first (empty: national only). */
  readonly prefixes: readonly string[];
  /** 1 when day i is a working day. */
  readonly work: Uint8Array;
  /** Working days among days 0…i. */
  readonly cum: Int32Array;
  /** The index of the k-th working day (k from 0). */
  readonly workdays: Int32Array;
}

export interface WorkCalendar {
  /** The covered years, contiguous and ascending: arithmetic never leaves them. */
  readonly years: readonly CalendarYear[];
  /** 1 January of the first covered year, and the day after 31 December of the last (exclusive). */
  readonly firstDay: DayNumber;
  readonly endDay: DayNumber;
  /** `YYYY-MM-DD` of each covered day, and 1 where its year is only computed: the explanation reads them in its loop. */
  readonly isoDates: readonly string[];
  readonly provisionalYear: Uint8Array;
  readonly national: ReadonlyMap<DayNumber, CalendarDay>;
  /** Regional entries by region-code prefix. */
  readonly regional: ReadonlyMap<string, ReadonlyMap<DayNumber, CalendarDay>>;
  /** Views cached by region code ('' = national). */
  readonly views: Map<string, CalendarView>;
}

/**
 * Arithmetic reached a day outside the covered years. A 422 (validation_failed) if nobody catches it:
 * the calendar never guesses that an unknown year is all working days. The service may rename the field.
 */
export class CalendarRangeError extends AppError {
  constructor(readonly year: number) {
    super('validation_failed', { calendar: `${year} 年的节假日安排尚未载入，无法计算工作日` });
    this.name = 'CalendarRangeError';
  }
}

/** manual beats official beats statutory for the same date and region prefix. */
const RANK: Record<CalendarSource, number> = { statutory: 0, official: 1, manual: 2 };

/** Builds the index. National statutory entries are dropped in a year that has official ones: the notice supersedes the computation. */
export function createWorkCalendar(days: readonly CalendarDay[]): WorkCalendar {
  const officialYears = new Set<number>();
  for (const d of days)
    if (d.region_prefix === '' && d.source === 'official') officialYears.add(Number(d.date.slice(0, 4)));

  const national = new Map<DayNumber, CalendarDay>();
  const regional = new Map<string, Map<DayNumber, CalendarDay>>();
  const sourcesByYear = new Map<number, Set<CalendarSource>>();
  for (const d of days) {
    const day = parseIsoDate(d.date);
    if (day === null) throw new Error(`calendar: not a date: ${d.date}`);
    const year = yearOfDay(day);
    if (d.region_prefix === '' && d.source === 'statutory' && officialYears.has(year)) continue;
    let map = national;
    if (d.region_prefix !== '') {
      map = regional.get(d.region_prefix) ?? new Map();
      regional.set(d.region_prefix, map);
    } else {
      const sources = sourcesByYear.get(year) ?? new Set();
      sources.add(d.source);
      sourcesByYear.set(year, sources);
    }
    const existing = map.get(day);
    if (!existing || RANK[d.source] >= RANK[existing.source]) map.set(day, d);
  }

  // Covered: the contiguous run of years with national entries, from the first; a year after a gap is unreachable.
  const years: CalendarYear[] = [];
  const sorted = [...sourcesByYear.keys()].sort((a, b) => a - b);
  for (const year of sorted) {
    if (years.length > 0 && year !== years[years.length - 1]!.year + 1) break;
    const sources = sourcesByYear.get(year)!;
    const source: CalendarSource = sources.has('official')
      ? 'official'
      : sources.has('statutory')
        ? 'statutory'
        : 'manual';
    years.push({ year, source, provisional: source === 'statutory' });
  }
  const firstDay = years.length ? dayFromCivil(years[0]!.year, 1, 1) : 0;
  const endDay = years.length ? dayFromCivil(years[years.length - 1]!.year + 1, 1, 1) : 0;
  const isoDates: string[] = [];
  const provisionalYear = new Uint8Array(endDay - firstDay);
  for (let day = firstDay; day < endDay; day++) {
    const iso = isoFromDay(day);
    isoDates.push(iso);
    provisionalYear[day - firstDay] = years[Number(iso.slice(0, 4)) - years[0]!.year]!.provisional ? 1 : 0;
  }
  return { years, firstDay, endDay, isoDates, provisionalYear, national, regional, views: new Map() };
}

/** The entry that decides a day in a view: the longest matching regional prefix, else the national entry. */
export function entryOf(cal: WorkCalendar, view: CalendarView, day: DayNumber): CalendarDay | undefined {
  for (const prefix of view.prefixes) {
    const entry = cal.regional.get(prefix)!.get(day);
    if (entry) return entry;
  }
  return cal.national.get(day);
}

/** 周六 / 周日 for a weekend day, '' for a weekday. */
export function weekendLabel(day: DayNumber): string {
  const w = weekdayOf(day);
  return w === 0 ? '周日' : w === 6 ? '周六' : '';
}

const isWeekend = (day: DayNumber) => weekendLabel(day) !== '';

/** The resolved view for a region code (null or '' = national), built once per set of matching prefixes. */
export function viewFor(cal: WorkCalendar, regionCode?: string | null): CalendarView {
  const code = regionCode ?? '';
  const cached = cal.views.get(code);
  if (cached) return cached;
  const prefixes = [...cal.regional.keys()].filter((p) => code.startsWith(p)).sort((a, b) => b.length - a.length);
  const key = `\u0000${prefixes.join(',')}`;
  let view = cal.views.get(key);
  if (!view) {
    const length = cal.endDay - cal.firstDay;
    const work = new Uint8Array(length);
    const cum = new Int32Array(length);
    const workdays: number[] = [];
    const partial: CalendarView = { prefixes, work, cum, workdays: new Int32Array(0) };
    for (let i = 0; i < length; i++) {
      const day = cal.firstDay + i;
      const entry = entryOf(cal, partial, day);
      const isWork = entry ? entry.is_workday : !isWeekend(day);
      work[i] = isWork ? 1 : 0;
      if (isWork) workdays.push(i);
      cum[i] = workdays.length;
    }
    view = { prefixes, work, cum, workdays: Int32Array.from(workdays) };
    cal.views.set(key, view);
  }
  // Region codes come validated from the API; the bound only keeps a flood of odd codes from growing the cache.
  if (cal.views.size > 10_000) cal.views.clear();
  cal.views.set(code, view);
  return view;
}

/** Throws CalendarRangeError for a day outside the covered years. */
export function assertCovered(cal: WorkCalendar, day: DayNumber): void {
  if (!Number.isFinite(day)) throw new AppError('validation_failed', { date: '日期无效' });
  if (day < cal.firstDay || day >= cal.endDay) throw new CalendarRangeError(yearOfDay(day));
}

/** One day as it applies in a region, with why (resolved from day numbers: the loops in due.ts call it). */
export function viewDay(cal: WorkCalendar, view: CalendarView, day: DayNumber): CalendarDayView {
  assertCovered(cal, day);
  const date = cal.isoDates[day - cal.firstDay]!;
  const entry = entryOf(cal, view, day);
  if (entry) {
    const { is_workday, label, source, provisional } = entry;
    return { date, is_workday, label, source, provisional };
  }
  const label = weekendLabel(day);
  const provisional = cal.provisionalYear[day - cal.firstDay] === 1;
  return { date, is_workday: label === '', label, source: null, provisional };
}

/** A date (`YYYY-MM-DD`) as it applies in a region: regional entry (longest prefix) > national entry > weekday default. */
export function dayOf(cal: WorkCalendar, date: IsoDate, regionCode?: string | null): CalendarDayView {
  const day = parseIsoDate(date);
  if (day === null) throw new AppError('validation_failed', { date: '日期不存在' });
  return viewDay(cal, viewFor(cal, regionCode), day);
}

/** Whether a date is a working day in a region. */
export function isWorkday(cal: WorkCalendar, date: IsoDate, regionCode?: string | null): boolean {
  return dayOf(cal, date, regionCode).is_workday;
}
