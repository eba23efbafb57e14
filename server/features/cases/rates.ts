import type { Static } from '@sinclair/typebox';
import type {
  CaseRateCase,
  CaseRates,
  CaseRatesChildren,
  CaseRateCasesQuery,
  CaseRatesQuery,
} from '../../../common/api/cases';
import {
  civilFromDay,
  dayFromCivil,
  dayOfInstant,
  isoFromDay,
  parseIsoDate,
  startOfDay,
} from '../../../common/calendar/days';
import { AppError } from '../../../common/errors';
import type { AccountActor } from '../../http/actor';
import type { Ctx } from '../../http/context';
import { decodeCursor, toPage } from '../../http/pagination';
import { scopeFor } from '../../http/scope';
import * as qf from './figures-sql';

/** The longest period one request sums: ten years. */
export const RATES_MAX_DAYS = 3660;

/**
 * Who may see an org's figures: holders of stats.read (the figures people) or cases.supervise (the
 * upper union's supervisors) over it. Both scopes together; an org outside them is as missing (404).
 */
export function figuresPaths(actor: AccountActor): string[] {
  return [...new Set([...scopeFor(actor, 'stats.read').paths, ...scopeFor(actor, 'cases.supervise').paths])];
}

export interface FiguresWindow {
  org: { id: number; name: string; path: string };
  /** Shanghai dates, inclusive. */
  fromDate: string;
  toDate: string;
  /** Instants: [from, to). */
  from: Date;
  to: Date;
}

/**
 * The org (in the caller's figures scope, else 404) and the period: `from`–`to` inclusive as
 * Shanghai days, by default this month up to today. A malformed or reversed period is a 422 naming
 * the field.
 */
export async function figuresWindow(
  ctx: Ctx,
  actor: AccountActor,
  query: { org_id: number; from?: string; to?: string },
  now = new Date(),
): Promise<FiguresWindow> {
  const today = dayOfInstant(now.getTime());
  const { y, m } = civilFromDay(today);
  const first = query.from === undefined ? dayFromCivil(y, m, 1) : parseIsoDate(query.from);
  if (first === null) throw new AppError('validation_failed', { from: '日期无效' });
  const last = query.to === undefined ? Math.max(today, first) : parseIsoDate(query.to);
  if (last === null) throw new AppError('validation_failed', { to: '日期无效' });
  if (last < first) throw new AppError('validation_failed', { to: '结束日期不能早于开始日期' });
  if (last - first + 1 > RATES_MAX_DAYS) throw new AppError('validation_failed', { to: '统计期间不能超过十年' });
  const org = await qf.findOrgInPaths(ctx.db, query.org_id, figuresPaths(actor));
  if (!org) {
    // An org the caller sees but may not count is refused; one it does not see is as missing.
    const seen = await qf.findOrgInPaths(ctx.db, query.org_id, scopeFor(actor, 'orgs.read').paths);
    throw seen ? new AppError('forbidden') : new AppError('not_found');
  }
  return {
    org,
    fromDate: isoFromDay(first),
    toDate: isoFromDay(last),
    from: new Date(startOfDay(first)),
    to: new Date(startOfDay(last + 1)),
  };
}

const rate = (numerator: number, denominator: number) => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000,
});

/**
 * The three rates and the case figures of an org's subtree for cases received in the period
 * (DESIGN.md §4.4). A union's figures count the cases HANDLED in its subtree: the handling union's,
 * or before dispatch the receiving union's, path lies under the org's (figures-sql.ts figuresScope); a
 * city union's figures thus include what its streets handle, and a case received by the city and
 * dispatched to another county counts there, not twice. Satisfaction is strict: 满意 / rated, so
 * 基本满意 counts as not satisfied (the issue and DESIGN.md §4.4 say "satisfied / rated");
 * `ratings` gives the three counts for a console that wants to show 基本满意 too. Wages are summed
 * over the cases that carry them (欠薪 cases), in 分. The sums come from the daily roll-up
 * (case_figure_days, docs/decisions/0019), which always equals the live count (sumCaseFigures).
 */
export async function caseRates(
  ctx: Ctx,
  actor: AccountActor,
  query: Static<typeof CaseRatesQuery>,
  now = new Date(),
): Promise<Static<typeof CaseRates>> {
  const w = await figuresWindow(ctx, actor, query, now);
  const f = await qf.sumCaseFigureDays(ctx.db, w.org.id, w.fromDate, w.toDate);
  return presentRates(w.org, w, f);
}

/** Whose figures and over which Shanghai dates, as every figures answer starts. */
const heading = (org: { id: number; name: string }, w: { fromDate: string; toDate: string }) => ({
  org: { id: org.id, name: org.name },
  from: w.fromDate,
  to: w.toDate,
});

function presentRates(
  org: { id: number; name: string },
  w: { fromDate: string; toDate: string },
  f: qf.CaseFigures,
): Static<typeof CaseRates> {
  return {
    ...heading(org, w),
    response: rate(f.signed_on_time, f.dispatched),
    resolution: rate(f.resolved, f.closed),
    satisfaction: rate(f.satisfied, f.rated),
    ratings: { satisfied: f.satisfied, basically: f.basically, unsatisfied: f.unsatisfied },
    total: f.cases,
    wage_claimed_fen: f.wage_claimed_fen,
    wage_recovered_fen: f.wage_recovered_fen,
    avg_handling_days: f.handling_days_n === 0 ? null : Math.round((f.handling_days_sum / f.handling_days_n) * 10) / 10,
    counts: f.counts,
  };
}

/** The unions right below the org listed at most: the console's 下级组织 table. */
export const CHILD_FIGURES_MAX = 50;

/**
 * The figures of each union right below the org (in the order the org tree lists them, at most
 * CHILD_FIGURES_MAX), in one request and one statement over the roll-up: the console's table of
 * the unions below. Each is exactly what GET /cases/rates answers for that union.
 */
export async function childCaseRates(
  ctx: Ctx,
  actor: AccountActor,
  query: Static<typeof CaseRatesQuery>,
  now = new Date(),
): Promise<Static<typeof CaseRatesChildren>> {
  const w = await figuresWindow(ctx, actor, query, now);
  const rows = await qf.sumChildFigureDays(ctx.db, w.org.id, w.fromDate, w.toDate, CHILD_FIGURES_MAX);
  return {
    ...heading(w.org, w),
    items: rows.slice(0, CHILD_FIGURES_MAX).map((r) => presentRates(r.org, w, r.figures)),
    more: rows.length > CHILD_FIGURES_MAX,
  };
}

/**
 * The drill-down: the cases behind one number of caseRates, newest first. `hit`: in the
 * numerator (signed on time; confirmed resolved; 满意); `miss`: in the denominator only (dispatched
 * but not signed on time, or not yet signed; closed but not confirmed resolved, or not rated;
 * 基本满意 or 不满意). A page of ids and tracking numbers the console links to GET /cases/:id.
 */
export async function caseRateCases(ctx: Ctx, actor: AccountActor, query: Static<typeof CaseRateCasesQuery>) {
  const w = await figuresWindow(ctx, actor, query);
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor, ['timestamp', 'bigint'] as const);
  const rows = await qf.listFigureCases(ctx.db, {
    orgPath: w.org.path,
    from: w.from,
    to: w.to,
    measure: query.measure,
    outcome: query.outcome,
    after,
    limit: limit + 1,
  });
  const items: Array<Static<typeof CaseRateCase>> = rows.map((r) => ({
    id: Number(r.id),
    tracking_no: r.tracking_no,
    kind: r.kind,
    status: r.status,
    category: r.category,
    received_at: r.received_at.toISOString(),
    due_at: r.due_at.toISOString(),
    signed_on_time: r.signed_on_time,
    rating: r.rating,
    rating_resolved: r.rating_resolved,
  }));
  return toPage(items, limit, (r) => [r.received_at, r.id]);
}
