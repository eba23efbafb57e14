import { describe, expect, it } from 'vitest';
import { formatDuration, jobName, summariseResult } from './job-labels';

describe('job labels', () => {
  it('names known jobs in Chinese and shows unknown codes as they are', () => {
    expect(jobName('system.housekeeping', 'zh')).toBe('系统例行清理');
    expect(jobName('members.import', 'zh')).toBe('members.import');
  });

  it('formats durations in seconds, minutes and hours, and a running one up to now', () => {
    const at = (s: number) => new Date(Date.UTC(2026, 11, 1, 2, 0, 0) + s * 1000).toISOString();
    expect(formatDuration(at(0), at(1.25), 'zh')).toBe('1.3 秒');
    expect(formatDuration(at(0), at(245), 'zh')).toBe('4 分 05 秒');
    expect(formatDuration(at(0), at(3720), 'en')).toBe('1 h 02 min');
    expect(formatDuration(at(0), null, 'zh', Date.parse(at(30)))).toBe('30.0 秒');
    expect(formatDuration(null, null, 'zh')).toBe('—');
  });

  it('summarises a result in words, keeping keys it does not know', () => {
    expect(summariseResult({ sessions: 3, otpCodes: 0, imported: 12 }, 'zh')).toBe('过期会话 3，验证码 0，imported 12');
    expect(summariseResult({ sessions: 3 }, 'en')).toBe('sessions: 3');
    // As jsonb hands them back, shortest key first: shown in the known order.
    expect(summariseResult({ jobRuns: 1, failures: 2, sessions: 3 }, 'zh')).toBe(
      '过期会话 3，登录失败记录 2，任务记录 1',
    );
    expect(summariseResult(null, 'zh')).toBeNull();
    expect(summariseResult({}, 'zh')).toBeNull();
  });
});
