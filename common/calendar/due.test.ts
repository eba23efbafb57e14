import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { dayFromCivil, isoFromDay, parseIsoDate } from './days';
import {
  addHours,
  addWorkingDays,
  describeRun,
  dueAt,
  hoursError,
  instantError,
  isoDateError,
  workingDaysBetween,
  workingDaysError,
} from './due';
import { computeStatutoryYear } from './statutory';
import type { CalendarDay, CalendarSource } from './types';
import { CalendarRangeError, createWorkCalendar, dayOf } from './work-calendar';

const day = (
  date: string,
  is_workday: boolean,
  label: string,
  region_prefix = '',
  source: CalendarSource = 'official',
) => ({
  date,
  is_workday,
  label,
  source,
  region_prefix,
  provisional: source === 'statutory',
});

/** An excerpt of the 2026 notice (国务院办公厅 2025-11-04): 元旦 and 国庆节 with their make-up working days. */
const NOTICE_2026: CalendarDay[] = [
  ...['01-01', '01-02', '01-03'].map((d) => day(`2026-${d}`, false, '元旦')),
  day('2026-01-04', true, '元旦调休上班'),
  day('2026-09-20', true, '国庆节调休上班'),
  ...[1, 2, 3, 4, 5, 6, 7].map((d) => day(`2026-10-0${d}`, false, '国庆节')),
  day('2026-10-10', true, '国庆节调休上班'),
];
const cal = createWorkCalendar([...NOTICE_2026, ...computeStatutoryYear(2027), ...computeStatutoryYear(2028)]);
const at = (iso: string) => new Date(iso);

describe('due dates on the 2026 notice and the computed 2027', () => {
  it('5 working days from Wed 2026-09-30 is 2026-10-13, explained', () => {
    const due = addWorkingDays(cal, at('2026-09-30T10:00:00+08:00'), 5);
    expect(due.due_date).toBe('2026-10-13');
    expect(due.due_at).toBe('2026-10-14T00:00:00+08:00');
    expect(due.skipped.map(describeRun)).toEqual(['2026-10-01…07 国庆节', '2026-10-11 周日']);
    expect(due.counted).toEqual([
      { date: '2026-10-08', label: null },
      { date: '2026-10-09', label: null },
      { date: '2026-10-10', label: '国庆节调休上班' },
      { date: '2026-10-12', label: null },
      { date: '2026-10-13', label: null },
    ]);
    expect(due.provisional).toBe(false);
    expect(dueAt(cal, at('2026-09-30T10:00:00+08:00'), 5).toISOString()).toBe('2026-10-13T16:00:00.000Z');
  });

  it('1 working day from Thu 2026-12-31 lands on Mon 2027-01-04, skipping 元旦 though no 2027 notice exists', () => {
    const due = addWorkingDays(cal, at('2026-12-31T09:00:00+08:00'), 1);
    expect(due.due_date).toBe('2027-01-04');
    expect(due.skipped.map(describeRun)).toEqual(['2027-01-01 元旦（暂定）', '2027-01-02…03 周末（暂定）']);
    expect(due.provisional).toBe(true);
  });

  it('2027 春节 (除夕 02-05 to 初三 02-08) is provisional, with two compensatory days for its Saturday and Sunday', () => {
    for (const date of ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']) {
      expect(dayOf(cal, date)).toEqual({
        date,
        is_workday: false,
        label: '春节',
        source: 'statutory',
        provisional: true,
      });
    }
    expect(dayOf(cal, '2027-02-09').label).toBe('春节补休');
    expect(dayOf(cal, '2027-02-10').label).toBe('春节补休');
    expect(dayOf(cal, '2027-02-11')).toMatchObject({ is_workday: true, source: null, provisional: true });
    // No make-up working weekend is guessed: the Saturday before stays a rest day.
    expect(dayOf(cal, '2027-01-30')).toMatchObject({ is_workday: false, label: '周六' });
    expect(addWorkingDays(cal, at('2027-02-04T12:00:00+08:00'), 1).due_date).toBe('2027-02-11');
  });

  it('never counts the day of receipt, whatever the hour', () => {
    for (const time of ['00:00:00', '00:01:00', '23:59:59']) {
      expect(addWorkingDays(cal, at(`2026-10-12T${time}+08:00`), 1).due_date, time).toBe('2026-10-13');
    }
    // Received on a holiday: the next working day is the first counted.
    expect(addWorkingDays(cal, at('2026-10-03T15:00:00+08:00'), 1).due_date).toBe('2026-10-08');
  });

  it('counts back: the working days fully elapsed after the day of receipt', () => {
    const from = at('2026-09-30T10:00:00+08:00');
    expect(workingDaysBetween(cal, from, at('2026-10-14T00:00:00+08:00'))).toBe(5);
    expect(workingDaysBetween(cal, from, at('2026-10-13T23:59:59+08:00'))).toBe(4);
    expect(workingDaysBetween(cal, from, at('2026-10-08T12:00:00+08:00'))).toBe(0);
    expect(workingDaysBetween(cal, from, at('2026-09-01T00:00:00+08:00'))).toBe(0);
  });

  it('keeps hour limits off the calendar', () => {
    expect(addHours(at('2026-10-01T23:30:00+08:00'), 1).toISOString()).toBe('2026-10-01T16:30:00.000Z');
    expect(addHours(at('2026-10-01T10:00:00+08:00'), 0.5).toISOString()).toBe('2026-10-01T02:30:00.000Z');
  });
});

describe('bad input is a 422 naming the field', () => {
  const now = at('2026-12-01T10:00:00+08:00');
  const fieldsOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('validation_failed');
      return (err as AppError).fields;
    }
    throw new Error('did not throw');
  };

  it('rejects dates that do not exist or lie outside 2004 through this year + 2', () => {
    expect(isoDateError('2026-02-30', now)).toMatch(/不存在/);
    expect(isoDateError('2003-12-31', now)).toBe('日期须在 2004 年至 2028 年之间');
    expect(isoDateError('2029-01-01', now)).toBe('日期须在 2004 年至 2028 年之间');
    expect(isoDateError('2028-12-31', now)).toBeNull();
    expect(instantError(at('2029-01-01T00:00:00+08:00'), now)).not.toBeNull();
    expect(instantError(at('2028-12-31T23:59:59+08:00'), now)).toBeNull();
    expect(instantError(new Date(Number.NaN), now)).toBe('时间无效');
  });

  it('rejects a negative, zero, fractional or absurd number of working days, and bad hours', () => {
    for (const n of [-1, 0, 1.5, 251, Number.NaN, Number.POSITIVE_INFINITY])
      expect(workingDaysError(n), String(n)).not.toBeNull();
    for (const n of [1, 13, 250]) expect(workingDaysError(n)).toBeNull();
    expect(fieldsOf(() => dueAt(cal, at('2026-10-12T10:00:00+08:00'), -3))).toHaveProperty('working_days');
    expect(fieldsOf(() => addWorkingDays(cal, at('2026-10-12T10:00:00+08:00'), 0))).toHaveProperty('working_days');
    expect(fieldsOf(() => dueAt(cal, new Date(Number.NaN), 3))).toHaveProperty('from');
    for (const h of [0, -1, 721, Number.NaN]) expect(hoursError(h)).not.toBeNull();
    expect(fieldsOf(() => addHours(at('2026-10-12T10:00:00+08:00'), 0))).toHaveProperty('hours');
    expect(fieldsOf(() => dayOf(cal, '2026-02-30'))).toHaveProperty('date');
  });

  it('never assumes a year it has no data for is all working days', () => {
    const before = () => dueAt(cal, at('2025-12-30T10:00:00+08:00'), 1);
    expect(before).toThrow(CalendarRangeError);
    try {
      dueAt(cal, at('2028-12-20T10:00:00+08:00'), 20);
      throw new Error('did not throw');
    } catch (err) {
      expect(err).toBeInstanceOf(CalendarRangeError);
      expect((err as CalendarRangeError).year).toBe(2029);
      expect((err as CalendarRangeError).fields).toEqual({ calendar: '2029 年的节假日安排尚未载入，无法计算工作日' });
    }
    expect(() => dayOf(cal, '2029-01-02')).toThrow(CalendarRangeError);
    // A gap ends the covered years: 2027 missing makes 2028 unreachable.
    const gappy = createWorkCalendar([...NOTICE_2026, ...computeStatutoryYear(2028)]);
    expect(gappy.years.map((y) => y.year)).toEqual([2026]);
    expect(() => dueAt(gappy, at('2026-12-30T10:00:00+08:00'), 5)).toThrow(CalendarRangeError);
  });
});

// Random calendars over 2026–2028: national and regional exceptions from every source.
const FIRST = dayFromCivil(2026, 1, 1);
const entryArb = fc.record({
  offset: fc.integer({ min: 0, max: 3 * 365 }),
  is_workday: fc.boolean(),
  region_prefix: fc.constantFrom('', '', '', '45', '4501', '65'),
  source: fc.constantFrom<CalendarSource>('official', 'statutory', 'manual'),
});
const calendarArb = fc.array(entryArb, { maxLength: 150 }).map((entries) => [
  // Each year covered by one official national entry, so the three years are all in.
  ...[2026, 2027, 2028].map((y) => day(`${y}-01-01`, false, '元旦')),
  ...entries.map((e) =>
    day(isoFromDay(FIRST + e.offset), e.is_workday, e.is_workday ? '调休上班' : '假日', e.region_prefix, e.source),
  ),
]);
const receiptArb = fc.integer({ min: FIRST * 86_400_000, max: (FIRST + 540) * 86_400_000 }).map((ms) => new Date(ms));
const nArb = fc.integer({ min: 1, max: 120 });
const regionArb = fc.constantFrom(null, '110101', '450102', '450201', '650102');

describe('working-day arithmetic on random calendars', () => {
  it('adding N then counting back gives N, and one millisecond earlier N − 1', () => {
    fc.assert(
      fc.property(calendarArb, receiptArb, nArb, regionArb, (days, from, n, region) => {
        const c = createWorkCalendar(days);
        const due = dueAt(c, from, n, region);
        expect(workingDaysBetween(c, from, due, region)).toBe(n);
        expect(workingDaysBetween(c, from, new Date(due.getTime() - 1), region)).toBe(n - 1);
      }),
    );
  });

  it('never falls due on a non-working day, and the explanation matches the fast path', () => {
    fc.assert(
      fc.property(calendarArb, receiptArb, nArb, regionArb, (days, from, n, region) => {
        const c = createWorkCalendar(days);
        const explained = addWorkingDays(c, from, n, region);
        expect(dayOf(c, explained.due_date, region).is_workday).toBe(true);
        expect(Date.parse(explained.due_at)).toBe(dueAt(c, from, n, region).getTime());
        expect(explained.counted).toHaveLength(n);
        const skippedDays = explained.skipped.reduce(
          (sum, r) => sum + parseIsoDate(r.to)! - parseIsoDate(r.from)! + 1,
          0,
        );
        const receipt = Math.floor((from.getTime() + 8 * 3_600_000) / 86_400_000);
        expect(n + skippedDays).toBe(parseIsoDate(explained.due_date)! - receipt);
      }),
    );
  });

  it('is monotonic in N', () => {
    fc.assert(
      fc.property(calendarArb, receiptArb, nArb, regionArb, (days, from, n, region) => {
        const c = createWorkCalendar(days);
        expect(dueAt(c, from, n + 1, region).getTime()).toBeGreaterThan(dueAt(c, from, n, region).getTime());
      }),
    );
  });

  it('applies a regional entry only inside its region', () => {
    fc.assert(
      fc.property(calendarArb, receiptArb, nArb, (days, from, n) => {
        const c = createWorkCalendar(days);
        const national = createWorkCalendar(days.filter((d) => d.region_prefix === ''));
        const guangxi = createWorkCalendar(days.filter((d) => !d.region_prefix.startsWith('65')));
        expect(dueAt(c, from, n, '110101')).toEqual(dueAt(national, from, n, '110101'));
        expect(dueAt(c, from, n, null)).toEqual(dueAt(national, from, n));
        expect(dueAt(c, from, n, '450102')).toEqual(dueAt(guangxi, from, n, '450102'));
      }),
    );
  });

  it('lets the longest matching prefix win, then the national entry, then the weekday', () => {
    const c = createWorkCalendar([
      day('2026-01-01', false, '元旦'),
      day('2026-04-20', false, '壮族三月三', '45', 'statutory'),
      day('2026-04-20', true, '调休上班', '4501', 'manual'),
      day('2026-04-21', false, '假日'),
      day('2026-04-21', true, '调休上班', '45', 'manual'),
    ]);
    expect(dayOf(c, '2026-04-20', '450102')).toMatchObject({ is_workday: true, source: 'manual' });
    expect(dayOf(c, '2026-04-20', '450201')).toMatchObject({ is_workday: false, label: '壮族三月三' });
    expect(dayOf(c, '2026-04-20', '110101')).toMatchObject({ is_workday: true, source: null, label: '' });
    expect(dayOf(c, '2026-04-21', '450201')).toMatchObject({ is_workday: true });
    expect(dayOf(c, '2026-04-21', '650102')).toMatchObject({ is_workday: false, label: '假日' });
    expect(dayOf(c, '2026-04-25')).toMatchObject({ is_workday: false, label: '周六', source: null });
  });

  it('ranks manual over official over statutory, and drops computed national days in a year with a notice', () => {
    const c = createWorkCalendar([
      day('2026-10-01', false, '国庆节', '', 'statutory'),
      day('2026-10-02', false, '国庆节', '', 'statutory'),
      day('2026-10-02', true, '调休上班', '', 'manual'),
      day('2026-01-01', false, '元旦', '', 'official'),
    ]);
    expect(c.years).toEqual([{ year: 2026, source: 'official', provisional: false }]);
    expect(dayOf(c, '2026-10-01').is_workday).toBe(true);
    expect(dayOf(c, '2026-10-02')).toMatchObject({ is_workday: true, source: 'manual' });
  });
});
