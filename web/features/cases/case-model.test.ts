import { describe, expect, it } from 'vitest';
import { clockStartDay, fenToYuan, isWageCase, routedByLabel, stepFields, yuanToFen } from './case-model';

describe('the case forms’ model', () => {
  it('turns typed 元 into integer 分 without float drift, and back', () => {
    expect(yuanToFen(12000)).toBe(1_200_000);
    expect(yuanToFen(0.29)).toBe(29);
    expect(yuanToFen(1234.57)).toBe(123_457);
    expect(yuanToFen(null)).toBeUndefined();
    expect(yuanToFen(undefined)).toBeUndefined();
    expect(fenToYuan(1_200_000)).toBe('12,000.00');
    expect(fenToYuan(29)).toBe('0.29');
  });

  it('asks each step for exactly what the server needs', () => {
    expect(stepFields('dispatch', false)).toEqual(['org', 'tier']);
    expect(stepFields('request_extension', false)).toEqual(['days', 'reason']);
    expect(stepFields('reply', true)).toEqual(['reply', 'wage']);
    expect(stepFields('reply', false)).toEqual(['reply']);
    for (const action of ['return', 'deny_extension', 'deny_park', 'review_reject', 'reopen', 'request_park'] as const)
      expect(stepFields(action, false)).toEqual(['reason']);
    for (const action of ['sign', 'handle', 'approve_extension', 'approve_park', 'resume', 'review_pass'] as const)
      expect(stepFields(action, true)).toEqual([]);
  });

  it('knows a wage case by its subject or a claimed amount', () => {
    expect(isWageCase({ subject: 'wage_arrears', wage_claimed_fen: null })).toBe(true);
    expect(isWageCase({ subject: 'dismissal', wage_claimed_fen: 50_000 })).toBe(true);
    expect(isWageCase({ subject: 'dismissal', wage_claimed_fen: null })).toBe(false);
  });

  it('finds the day the deadline was counted from, over a weekend and across a month', () => {
    const due = (counted: string[], skipped: Array<[string, string]>) => ({
      due_at: '',
      due_date: counted[counted.length - 1] ?? '',
      working_days: counted.length,
      counted: counted.map((date) => ({ date, label: null })),
      skipped: skipped.map(([from, to]) => ({ from, to, reason: '周末', provisional: false })),
      provisional: false,
      region_code: null,
    });
    // Received on a Friday: Saturday and Sunday skipped, Monday the first working day.
    expect(clockStartDay(due(['2026-12-07', '2026-12-08'], [['2026-12-05', '2026-12-06']]))).toBe('2026-12-04');
    expect(clockStartDay(due(['2026-12-01'], []))).toBe('2026-11-30');
    expect(clockStartDay(due([], []))).toBeNull();
  });

  it('names why a case went where it went', () => {
    expect(routedByLabel('fallback')).toBe('区县总工会兜底');
    expect(routedByLabel('something_new')).toBe('something_new');
  });
});
