import { describe, expect, it } from 'vitest';
import { parseIsoDate } from './calendar/days';
import { checkOpeningHours, dayIntervals, hoursStatus, rewriteForDay } from './opening-hours';

/** An instant given as Shanghai wall time. */
const at = (local: string) => Date.parse(`${local}+08:00`);
/** 国庆 2026 as the calendar holds it (server/features/calendar/data): 10-01…10-07 off; 10-10 a make-up Saturday. */
const golden = new Set([
  '2026-10-01',
  '2026-10-02',
  '2026-10-03',
  '2026-10-04',
  '2026-10-05',
  '2026-10-06',
  '2026-10-07',
]);
const isHoliday = (d: string) => golden.has(d);
const noHolidays = () => false;
const OFFICE = 'Mo-Fr 08:00-18:00; PH off';

describe('opening hours at Shanghai time, public holidays from our calendar', () => {
  it('keeps 24/7 open, with no closing time in sight', () => {
    expect(hoursStatus('24/7', at('2026-10-01T03:00:00'), isHoliday)).toEqual({ is_open: true, closes_in_min: null });
  });

  it('opens office hours on a plain Thursday and says when they close', () => {
    expect(hoursStatus(OFFICE, at('2026-09-24T17:40:00'), isHoliday)).toEqual({ is_open: true, closes_in_min: 20 });
    expect(hoursStatus(OFFICE, at('2026-09-24T18:00:00'), isHoliday)).toEqual({ is_open: false, closes_in_min: null });
    expect(hoursStatus(OFFICE, at('2026-09-24T07:59:00'), isHoliday)).toMatchObject({ is_open: false });
  });

  it('closes "PH off" on 国庆 2026-10-01, a Thursday, because our calendar says so', () => {
    expect(hoursStatus(OFFICE, at('2026-10-01T10:00:00'), isHoliday).is_open).toBe(false);
    // The same Thursday is open when the calendar holds no holiday: the library's own list is not used.
    expect(hoursStatus(OFFICE, at('2026-10-01T10:00:00'), noHolidays).is_open).toBe(true);
  });

  it('takes the make-up working day 2026-10-10 as the Saturday it is (OSM has no word for 调休)', () => {
    expect(hoursStatus(OFFICE, at('2026-10-10T10:00:00'), isHoliday).is_open).toBe(false);
    expect(hoursStatus('Mo-Sa 08:00-18:00; PH off', at('2026-10-10T10:00:00'), isHoliday).is_open).toBe(true);
  });

  it('opens on a holiday only the hours a PH rule gives it, and treats "PH Mo" as a holiday that is a Monday', () => {
    const v = 'Mo-Fr 08:00-18:00; PH 10:00-12:00';
    expect(hoursStatus(v, at('2026-10-02T09:00:00'), isHoliday).is_open).toBe(false);
    expect(hoursStatus(v, at('2026-10-02T11:30:00'), isHoliday)).toEqual({ is_open: true, closes_in_min: 30 });
    expect(rewriteForDay('PH Mo 10:00-12:00', parseIsoDate('2026-10-05')!, true)).toBe('Mo 10:00-12:00');
    expect(hoursStatus('PH Mo 10:00-12:00', at('2026-10-05T11:00:00'), isHoliday).is_open).toBe(true);
    expect(hoursStatus('PH Mo 10:00-12:00', at('2026-10-01T11:00:00'), isHoliday).is_open).toBe(false);
    expect(hoursStatus('PH Mo 10:00-12:00', at('2026-09-28T11:00:00'), isHoliday).is_open).toBe(false);
  });

  it('leaves a "PH" inside a comment alone', () => {
    expect(rewriteForDay('Mo-Fr 08:00-18:00 "PH 照常"', parseIsoDate('2026-10-01')!, true)).toBe(
      'Mo-Fr 08:00-18:00 "PH 照常"',
    );
  });

  it('follows a seasonal rule: summer hours in July, winter hours in January', () => {
    const v = 'Apr-Oct: Mo-Su 06:00-22:00; Nov-Mar: Mo-Su 07:00-20:00';
    expect(hoursStatus(v, at('2026-07-15T21:00:00'), isHoliday)).toEqual({ is_open: true, closes_in_min: 60 });
    expect(hoursStatus(v, at('2027-01-15T21:00:00'), isHoliday).is_open).toBe(false);
    expect(hoursStatus(v, at('2027-01-15T06:30:00'), isHoliday).is_open).toBe(false);
    expect(dayIntervals(v, parseIsoDate('2027-01-15')!, false)).toEqual([[420, 1200]]);
  });

  it('follows hours past midnight into the next day', () => {
    expect(hoursStatus('Mo-Su 18:00-02:00', at('2026-09-24T23:30:00'), noHolidays)).toEqual({
      is_open: true,
      closes_in_min: 150,
    });
    expect(hoursStatus('Mo-Su 18:00-02:00', at('2026-09-25T01:00:00'), noHolidays).is_open).toBe(true);
  });

  it('reads Shanghai time whatever the instant: 02:00 UTC is 10:00 in Shanghai', () => {
    expect(hoursStatus('Mo-Fr 09:00-11:00', Date.parse('2026-09-24T02:00:00Z'), noHolidays)).toEqual({
      is_open: true,
      closes_in_min: 60,
    });
  });

  it('explains in Chinese where an unparseable value fails', () => {
    expect(checkOpeningHours(OFFICE)).toBeNull();
    expect(checkOpeningHours('24/7')).toBeNull();
    expect(checkOpeningHours('Mo-Fr 08:00-18:00; Xy off')).toMatch(/^营业时间第 20 个字符处无法识别（“Xy off”附近）/);
    expect(checkOpeningHours('周一至周五 8点到18点')).toMatch(/第 \d+ 个字符处无法识别/);
    expect(checkOpeningHours('  ')).toBe('营业时间不能为空（全天开放请填 24/7）');
    expect(checkOpeningHours('SH off')).toMatch(/学校假期/);
    expect(checkOpeningHours('Mo-Fr 08:00-18:00; PH +1 day off')).toMatch(/偏移/);
  });
});
