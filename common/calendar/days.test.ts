import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  civilFromDay,
  dayFromCivil,
  dayOfInstant,
  formatShanghai,
  isoFromDay,
  parseIsoDate,
  startOfDay,
  weekdayOf,
} from './days';

describe('Shanghai day numbers', () => {
  it('round-trips every day between 1900 and 2200 and agrees with Date.UTC', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayFromCivil(1900, 1, 1), max: dayFromCivil(2200, 12, 31) }), (day) => {
        const { y, m, d } = civilFromDay(day);
        expect(dayFromCivil(y, m, d)).toBe(day);
        expect(Date.UTC(y, m - 1, d) / 86_400_000).toBe(day);
        expect(parseIsoDate(isoFromDay(day))).toBe(day);
        expect(weekdayOf(day)).toBe(new Date(Date.UTC(y, m - 1, d)).getUTCDay());
      }),
    );
  });

  it('rejects dates that do not exist and malformed text', () => {
    for (const bad of [
      '2026-02-29',
      '2026-02-30',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2026-4-1',
      '20260401',
      '',
    ]) {
      expect(parseIsoDate(bad), bad).toBeNull();
    }
    expect(parseIsoDate('2024-02-29')).toBe(dayFromCivil(2024, 2, 29));
  });

  it('puts an instant on the Shanghai day it falls on, whatever the process time zone', () => {
    // 2026-09-30 16:30 UTC is 10-01 00:30 in Shanghai.
    expect(isoFromDay(dayOfInstant(Date.parse('2026-09-30T16:30:00Z')))).toBe('2026-10-01');
    expect(isoFromDay(dayOfInstant(Date.parse('2026-09-30T15:59:59.999Z')))).toBe('2026-09-30');
    expect(formatShanghai(startOfDay(parseIsoDate('2026-10-14')!))).toBe('2026-10-14T00:00:00+08:00');
    expect(new Date(startOfDay(parseIsoDate('2026-10-14')!)).toISOString()).toBe('2026-10-13T16:00:00.000Z');
  });
});
