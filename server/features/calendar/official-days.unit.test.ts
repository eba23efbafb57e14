import upstream from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withComputedYears } from '../../../common/calendar/assemble';
import { dayFromCivil, dayOfInstant, isoFromDay, parseIsoDate, startOfDay } from '../../../common/calendar/days';
import { addWorkingDays, describeRun, dueAt } from '../../../common/calendar/due';
import { computeStatutoryYear } from '../../../common/calendar/statutory';
import type { CalendarDay } from '../../../common/calendar/types';
import { createWorkCalendar, dayOf, type WorkCalendar } from '../../../common/calendar/work-calendar';
import vendored from './data/official-days.json' with { type: 'json' };

const official = vendored.days as CalendarDay[];
const cal = createWorkCalendar(withComputedYears(official, 2028));

describe('the vendored official days (docs/decisions/0010-calendar.md)', () => {
  it('hold every year from 2004 to 2026, one national official entry per date', () => {
    expect(vendored.meta).toMatchObject({
      source: 'chinese-days',
      version: '1.5.7',
      first_year: 2004,
      last_year: 2026,
    });
    const dates = official.map((d) => d.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
    for (const d of official) {
      expect(parseIsoDate(d.date), d.date).not.toBeNull();
      expect(d).toMatchObject({ source: 'official', region_prefix: '', provisional: false });
    }
    expect(new Set(dates.map((d) => d.slice(0, 4))).size).toBe(23);
  });

  it('say what the installed chinese-days says, in Chinese', () => {
    const byDate = new Map(official.map((d) => [d.date, d]));
    for (const date of Object.keys(upstream.holidays)) expect(byDate.get(date)?.is_workday, date).toBe(false);
    for (const date of Object.keys(upstream.workdays)) expect(byDate.get(date)?.label, date).toMatch(/调休上班$/);
    expect(official).toHaveLength(Object.keys(upstream.holidays).length + Object.keys(upstream.workdays).length);
    expect(byDate.get('2026-10-03')?.label).toBe('国庆节');
    expect(byDate.get('2026-09-20')?.label).toBe('国庆节调休上班');
  });

  it('contain every day the 2024 rules give off in 2025 and 2026, compensatory days included', () => {
    const off = new Set(official.filter((d) => !d.is_workday).map((d) => d.date));
    for (const year of [2025, 2026]) {
      for (const d of computeStatutoryYear(year)) expect(off.has(d.date), `${d.date} ${d.label}`).toBe(true);
    }
  });
});

describe('due dates on the real calendar (official 2004–2026, computed 2027–2028, regional)', () => {
  it('gives the fixed cases', () => {
    const national = addWorkingDays(cal, new Date('2026-09-30T10:00:00+08:00'), 5);
    expect(national.due_date).toBe('2026-10-13');
    expect(national.skipped.map(describeRun)).toEqual(['2026-10-01…07 国庆节', '2026-10-11 周日']);
    const newYear = addWorkingDays(cal, new Date('2026-12-31T10:00:00+08:00'), 1);
    expect(newYear).toMatchObject({ due_date: '2027-01-04', provisional: true });
    expect(dayOf(cal, '2027-02-09')).toMatchObject({ label: '春节补休', provisional: true });
    // 2025-10-01…08 国庆节、中秋节, with the make-up Saturday 10-11 counted.
    expect(addWorkingDays(cal, new Date('2025-09-30T18:00:00+08:00'), 3).due_date).toBe('2025-10-11');
    // 广西's 三月三 in 2027 (4 月 9 日 Friday) moves a Thursday receipt's 1-day limit to Monday.
    expect(addWorkingDays(cal, new Date('2027-04-08T10:00:00+08:00'), 1, '450102').due_date).toBe('2027-04-12');
    expect(addWorkingDays(cal, new Date('2027-04-08T10:00:00+08:00'), 1, '440106').due_date).toBe('2027-04-09');
  });

  it('agrees with counting day by day, for any receipt 2004–2028 and any region', () => {
    /** The obvious model: walk forward a day at a time, asking dayOf. */
    const walk = (c: WorkCalendar, from: Date, n: number, region: string | null) => {
      let day = dayOfInstant(from.getTime());
      for (let left = n; left > 0; ) if (dayOf(c, isoFromDay(++day), region).is_workday) left--;
      return new Date(startOfDay(day + 1));
    };
    const first = dayFromCivil(2004, 1, 1);
    const last = dayFromCivil(2028, 6, 30);
    fc.assert(
      fc.property(
        fc.integer({ min: startOfDay(first), max: startOfDay(last) }).map((ms) => new Date(ms)),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom(null, '450102', '650102', '540102', '110101'),
        (from, n, region) => {
          expect(dueAt(cal, from, n, region)).toEqual(walk(cal, from, n, region));
        },
      ),
      { numRuns: 500 },
    );
  });
});
