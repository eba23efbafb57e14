import type { JobRun, JobState } from './api';

type Label = { zh: string; en: string };

/**
 * Every job's name in words, by its code (`<feature>.<verb>`): a feature that adds a job adds its
 * line here. An unknown code shows as itself.
 */
export const JOB_NAMES: Record<string, Label> = {
  'system.housekeeping': { zh: '系统例行清理', en: 'System housekeeping' },
  'files.sweep-orphans': { zh: '清理孤立文件', en: 'Orphan file sweep' },
  'imports.run': { zh: '表格导入', en: 'Spreadsheet import' },
};

/** The words for the counts a job's result holds, by key, in the order shown; other keys show as they are, after. */
const RESULT_KEYS: Record<string, Label> = {
  sessions: { zh: '过期会话', en: 'sessions' },
  failures: { zh: '登录失败记录', en: 'sign-in failures' },
  otpCodes: { zh: '验证码', en: 'one-time codes' },
  idempotencyKeys: { zh: '幂等键', en: 'idempotency keys' },
  jobRuns: { zh: '任务记录', en: 'job runs' },
  written: { zh: '已导入', en: 'written' },
  duplicates: { zh: '已是会员', en: 'already members' },
  errors: { zh: '有误', en: 'with errors' },
};

export const STATE_COLORS: Record<JobState, string> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
  cancelled: 'warning',
};

export const JOB_STATES = Object.keys(STATE_COLORS) as JobState[];

export const isActive = (run: Pick<JobRun, 'state'>) => run.state === 'queued' || run.state === 'running';

export function jobName(code: string, lang: 'zh' | 'en'): string {
  return JOB_NAMES[code]?.[lang] ?? code;
}

/** "12.3 秒", "4 分 05 秒", "1 小时 02 分" between two instants (the second defaults to now). */
export function formatDuration(from: string | null, to: string | null, lang: 'zh' | 'en', now = Date.now()): string {
  if (!from) return '—';
  const ms = Math.max(0, (to ? Date.parse(to) : now) - Date.parse(from));
  const s = ms / 1000;
  const pad = (n: number) => String(Math.floor(n)).padStart(2, '0');
  if (s < 60) return lang === 'zh' ? `${s.toFixed(1)} 秒` : `${s.toFixed(1)} s`;
  if (s < 3600)
    return lang === 'zh' ? `${Math.floor(s / 60)} 分 ${pad(s % 60)} 秒` : `${Math.floor(s / 60)} min ${pad(s % 60)} s`;
  const h = Math.floor(s / 3600);
  return lang === 'zh' ? `${h} 小时 ${pad((s % 3600) / 60)} 分` : `${h} h ${pad((s % 3600) / 60)} min`;
}

/** A result object in one line: "过期会话 3，验证码 0"; null for none. */
export function summariseResult(result: unknown, lang: 'zh' | 'en'): string | null {
  if (result === null || result === undefined) return null;
  if (typeof result !== 'object' || Array.isArray(result)) return JSON.stringify(result);
  // jsonb keeps keys in its own order (shortest first): known keys come in RESULT_KEYS' order.
  const order = Object.keys(RESULT_KEYS);
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  const entries = Object.entries(result as Record<string, unknown>).sort(([a], [b]) => rank(a) - rank(b));
  const parts = entries.map(([key, value]) => {
    const label = RESULT_KEYS[key]?.[lang] ?? key;
    const text = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
    return lang === 'zh' ? `${label} ${text}` : `${label}: ${text}`;
  });
  return parts.length ? parts.join(lang === 'zh' ? '，' : ', ') : null;
}
