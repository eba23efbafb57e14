import { CASE_SUBJECT_LABELS, type CaseAction, type CaseSubject } from '../../../common/cases';
import type { CaseListItem, CaseView } from './api';
import { t } from './messages';

/** Wages travel as integer 分; the cadre reads and types 元 with two decimals. */
export function fenToYuan(fen: number): string {
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** 元 as typed (a number with at most two decimals) to 分, without float drift. */
export function yuanToFen(yuan: number | null | undefined): number | undefined {
  if (yuan === null || yuan === undefined || Number.isNaN(yuan)) return undefined;
  return Math.round(yuan * 100);
}

export function subjectLabel(subject: string): string {
  return CASE_SUBJECT_LABELS[subject as CaseSubject] ?? subject;
}

export type Light = CaseListItem['light'];
export const LIGHT_COLORS: Record<Light, string> = {
  red: '#cf1322',
  yellow: '#d48806',
  green: '#389e0d',
  none: '#bfbfbf',
};
export const lightLabel = (light: Light) => t(`cases.light.${light}`);

/** What a step's form asks for: exactly what the server needs for it. */
export type StepField = 'org' | 'tier' | 'reason' | 'reply' | 'answer' | 'note' | 'days' | 'wage';

export function stepFields(action: CaseAction, isWageCase: boolean): StepField[] {
  switch (action) {
    case 'dispatch':
      return ['org', 'tier'];
    case 'return':
    case 'deny_extension':
    case 'deny_park':
    case 'review_reject':
    case 'reopen':
    case 'request_park':
      return ['reason'];
    case 'request_extension':
      return ['days', 'reason'];
    case 'reply':
      return isWageCase ? ['reply', 'wage'] : ['reply'];
    case 'note':
      return ['note'];
    case 'answer':
      return ['answer'];
    default:
      return [];
  }
}

/** Steps that refuse, undo or send back: their buttons are marked as such. */
export const DANGER_STEPS: ReadonlySet<CaseAction> = new Set([
  'return',
  'deny_extension',
  'deny_park',
  'review_reject',
  'reopen',
]);

/** Whether the case is about wages (a reply then states what was recovered). */
export function isWageCase(kase: { subject: string; wage_claimed_fen: number | null }): boolean {
  return kase.wage_claimed_fen !== null || kase.subject === 'wage_arrears' || kase.subject === 'wages';
}

const ROUTED_BY = ['member', 'location', 'region', 'station', 'fallback', 'intake'] as const;
/** Why the case went to the union it went to first, in words. */
export function routedByLabel(code: string): string {
  const known = ROUTED_BY.find((r) => r === code);
  return known ? t(`cases.routed.${known}`) : code;
}

/**
 * The day the deadline's count started from (receipt, or dispatch or reopening when the clock
 * restarted): the day before the first day the explanation counts or skips.
 */
export function clockStartDay(due: CaseView['due_explanation']): string | null {
  const firsts = [due.counted[0]?.date, due.skipped[0]?.from].filter((d): d is string => !!d).sort();
  if (firsts.length === 0) return null;
  const day = new Date(`${firsts[0]}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}
