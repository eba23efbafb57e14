/**
 * The closed lists and limits of a station's visits, ratings and problem reports
 * (server/features/station-visits), with their Chinese labels: the API validates with them, the
 * database checks them (migration 2026-12-02T1220-station-visits.sql), the H5 and the console label with them.
 */

/** What a rider can report (驿站报修): the kind decides who goes to look. */
export const PROBLEM_KINDS = {
  broken_appliance: '设施损坏（如微波炉、充电桩坏了）',
  closed_when_open: '开放时间内未开门',
  unsafe: '存在安全隐患',
  other: '其他问题',
} as const;
export type ProblemKind = keyof typeof PROBLEM_KINDS;
export const PROBLEM_KIND_CODES = Object.keys(PROBLEM_KINDS) as ProblemKind[];

/** open → in_progress → resolved | dismissed (open may close at once); closed ones stay closed. */
export const PROBLEM_STATUSES = {
  open: '待处理',
  in_progress: '处理中',
  resolved: '已解决',
  dismissed: '不予处理',
} as const;
export type ProblemStatus = keyof typeof PROBLEM_STATUSES;
export const PROBLEM_STATUS_CODES = Object.keys(PROBLEM_STATUSES) as ProblemStatus[];

const NEXT: Record<ProblemStatus, readonly ProblemStatus[]> = {
  open: ['in_progress', 'resolved', 'dismissed'],
  in_progress: ['resolved', 'dismissed'],
  resolved: [],
  dismissed: [],
};

/** Whether a problem may move from `from` to `to` (the one transition rule, server and console alike). */
export const canMoveProblem = (from: ProblemStatus, to: ProblemStatus): boolean => NEXT[from].includes(to);
/** The statuses a problem may move to next. */
export const nextProblemStatuses = (from: ProblemStatus): readonly ProblemStatus[] => NEXT[from];

export const PROBLEM_DESCRIPTION_MAX = 1000;
export const REVIEW_COMMENT_MAX = 500;
export const STATUS_NOTE_MAX = 500;
/** The longest period the counts cover, in days (a year, leap or not). */
export const COUNTS_MAX_DAYS = 366;
/** How many comments the public summary shows. */
export const LATEST_COMMENTS = 5;

/**
 * A comment as the public reads it: every run of 7 or more digits (spaces, dashes and dots between
 * them allowed) — a phone, an ID or a plate number — keeps its first 3 and last 2 digits, the rest
 * masked. Names cannot be told from words reliably, so the summary never names the rater instead.
 */
export function maskDigitRuns(text: string): string {
  return text.replace(/\d(?:[\s.-]?\d){6,}[\dXx]?/g, (run) => {
    const digits = run.replace(/[^\dXx]/g, '');
    return `${digits.slice(0, 3)}${'*'.repeat(Math.max(digits.length - 5, 2))}${digits.slice(-2)}`;
  });
}
