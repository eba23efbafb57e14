import { describe, expect, it } from 'vitest';
import { fenToYuan, isWageCase, stepFields, yuanToFen } from './case-model';

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
});
