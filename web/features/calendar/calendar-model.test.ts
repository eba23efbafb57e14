import { describe, expect, it } from 'vitest';
import type { CalendarDay } from './api';
import { formFieldOf, kindOf, monthWeeks, noticeFromDays } from './calendar-model';

const day = (date: string, is_workday: boolean, label: string, region_prefix = ''): CalendarDay => ({
  date,
  is_workday,
  label,
  region_prefix,
  source: 'statutory',
  provisional: true,
});

describe('monthWeeks', () => {
  it('starts on Monday and pads both ends', () => {
    const weeks = monthWeeks(2026, 10); // 2026-10-01 is a Thursday
    expect(weeks[0]).toEqual([null, null, null, '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04']);
    expect(weeks.at(-1)).toEqual([
      '2026-10-26',
      '2026-10-27',
      '2026-10-28',
      '2026-10-29',
      '2026-10-30',
      '2026-10-31',
      null,
    ]);
    expect(monthWeeks(2028, 2).flat().filter(Boolean)).toHaveLength(29);
  });
});

describe('kindOf', () => {
  it('tells holidays, regional days off and make-up weekends apart', () => {
    expect(kindOf(day('2026-10-01', false, '国庆节'))).toBe('holiday');
    expect(kindOf(day('2026-04-19', false, '壮族三月三', '45'))).toBe('regional');
    expect(kindOf(day('2026-10-10', true, '国庆节调休上班'))).toBe('makeup');
    expect(kindOf(undefined)).toBe('plain');
  });
});

describe('noticeFromDays', () => {
  it('groups consecutive days off of one holiday (补休 included) into ranges and keeps make-up weekends', () => {
    const notice = noticeFromDays([
      day('2027-01-01', false, '元旦'),
      day('2027-02-05', false, '春节'),
      day('2027-02-06', false, '春节'),
      day('2027-02-07', false, '春节'),
      day('2027-02-08', false, '春节'),
      day('2027-02-09', false, '春节补休'),
      day('2027-02-20', true, '调休上班'),
      day('2027-04-09', false, '壮族三月三', '45'),
      day('2027-10-01', false, '国庆节'),
      day('2027-10-02', false, '国庆节'),
    ]);
    expect(notice).toEqual({
      holidays: [
        { name: '元旦', from: '2027-01-01', to: '2027-01-01' },
        { name: '春节', from: '2027-02-05', to: '2027-02-09' },
        { name: '国庆节', from: '2027-10-01', to: '2027-10-02' },
      ],
      workdays: ['2027-02-20'],
    });
  });
});

describe('formFieldOf', () => {
  it('puts a date error of a holiday under its range, and a make-up day under its picker', () => {
    expect(formFieldOf('holidays.2.to')).toEqual(['holidays', 2, 'range']);
    expect(formFieldOf('holidays.0.from')).toEqual(['holidays', 0, 'range']);
    expect(formFieldOf('holidays.1.name')).toEqual(['holidays', 1, 'name']);
    expect(formFieldOf('workdays.3')).toEqual(['workdays', 3]);
    expect(formFieldOf('year')).toBeNull();
  });
});
