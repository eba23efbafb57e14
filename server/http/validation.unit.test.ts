import { describe, expect, it } from 'vitest';
import { findBadText, hasBadText, isCalendarDate } from './validation';

describe('text no column can store', () => {
  it('finds a NUL and a lone surrogate, but not a pair', () => {
    expect(hasBadText('a\u0000b')).toBe(true);
    expect(hasBadText('a\ud800')).toBe(true);
    expect(hasBadText('\udc00a')).toBe(true);
    expect(hasBadText('\udc00\ud800')).toBe(true);
    expect(hasBadText('宿城区𠀀工会😀')).toBe(false);
  });

  it('names the field as validation errors do, nested fields with dots', () => {
    expect(findBadText({ name: 'ok', grants: [{ role: 'ok' }, { role: 'x\u0000' }] })).toBe('grants.1.role');
    expect(findBadText({ 'na\u0000me': 'ok' })).toBe('na\u0000me');
    expect(findBadText({ n: 1, b: true, z: null, s: '工会' })).toBeNull();
    expect(findBadText(undefined)).toBeNull();
  });
});

describe('calendar dates', () => {
  it('takes real days of years 0001 to 9999 only', () => {
    for (const ok of ['2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31', '1925-05-01'])
      expect(isCalendarDate(ok), ok).toBe(true);
    for (const bad of [
      '0000-02-29',
      '0000-01-01',
      '1900-02-29',
      '2023-02-29',
      '2024-04-31',
      '2024-13-01',
      '2024-00-10',
    ])
      expect(isCalendarDate(bad), bad).toBe(false);
    for (const bad of ['2024-1-01', '20240101', '+02024-01-01', '2024-01-01T00:00:00Z', ' 2024-01-01'])
      expect(isCalendarDate(bad), bad).toBe(false);
  });
});
