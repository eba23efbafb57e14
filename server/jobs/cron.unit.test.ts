import { describe, expect, it } from 'vitest';
import { CronError, latestSlot, parseCron } from './cron';

/** The latest slot at or before a Shanghai wall-clock time, as a Shanghai wall-clock string. */
function slot(expression: string, shanghai: string): string | null {
  const found = latestSlot(parseCron(expression), new Date(`${shanghai}+08:00`));
  if (!found) return null;
  return new Date(found.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

describe('cron in Asia/Shanghai', () => {
  it('hourly fires at the top of each Shanghai hour, including the current minute', () => {
    expect(slot('0 * * * *', '2026-12-01T10:37:12')).toBe('2026-12-01 10:00');
    expect(slot('0 * * * *', '2026-12-01T10:00:00')).toBe('2026-12-01 10:00');
    expect(slot('0 * * * *', '2026-12-01T00:00:59')).toBe('2026-12-01 00:00');
  });

  it('a daily 02:00 Shanghai slot is 18:00 UTC the day before', () => {
    const found = latestSlot(parseCron('0 2 * * *'), new Date('2026-12-01T01:00:00+08:00'));
    expect(found?.toISOString()).toBe('2026-11-29T18:00:00.000Z');
  });

  it('takes steps, ranges and lists', () => {
    expect(slot('*/15 * * * *', '2026-12-01T10:44:00')).toBe('2026-12-01 10:30');
    expect(slot('5,50 8-9 * * *', '2026-12-01T12:00:00')).toBe('2026-12-01 09:50');
    expect(slot('5,50 8-9 * * *', '2026-12-01T08:49:00')).toBe('2026-12-01 08:05');
    expect(slot('0 9-17/4 * * *', '2026-12-01T16:00:00')).toBe('2026-12-01 13:00');
  });

  it('day of week: 0 and 7 are Sunday; weekdays skip the weekend', () => {
    // 2026-12-06 is a Sunday.
    expect(slot('0 9 * * 7', '2026-12-08T00:00:00')).toBe('2026-12-06 09:00');
    expect(slot('0 9 * * 0', '2026-12-08T00:00:00')).toBe('2026-12-06 09:00');
    expect(slot('30 8 * * 1-5', '2026-12-07T08:00:00')).toBe('2026-12-04 08:30');
  });

  it('with both day fields restricted, either one fires (Vixie cron)', () => {
    // The 1st of the month or a Monday: 2026-12-07 is a Monday, after 12-01.
    expect(slot('0 0 1 * 1', '2026-12-08T00:00:00')).toBe('2026-12-07 00:00');
    expect(slot('0 0 1 * 1', '2026-12-02T00:00:00')).toBe('2026-12-01 00:00');
  });

  it('looks back across months and years; a day that never comes gives null', () => {
    expect(slot('0 0 1 1 *', '2026-12-01T10:00:00')).toBe('2026-01-01 00:00');
    expect(slot('0 0 29 2 *', '2026-12-01T10:00:00')).toBeNull();
  });

  it('refuses what it does not understand, naming the field', () => {
    expect(() => parseCron('0 * * *')).toThrow(CronError);
    expect(() => parseCron('60 * * * *')).toThrow(/minute/);
    expect(() => parseCron('0 24 * * *')).toThrow(/hour/);
    expect(() => parseCron('0 0 0 * *')).toThrow(/day of month/);
    expect(() => parseCron('0 0 * JAN *')).toThrow(/month/);
    expect(() => parseCron('@hourly')).toThrow(CronError);
    expect(() => parseCron('*/0 * * * *')).toThrow(/minute/);
  });
});
