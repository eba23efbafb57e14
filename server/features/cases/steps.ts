import type { Static } from '@sinclair/typebox';
import type { CaseStepBody } from '../../../common/api/cases';
import { dueAt, workingDaysBetween } from '../../../common/calendar/due';
import {
  CASE_ACTIONS,
  CASE_RATINGS,
  nextStatus,
  resolutionDays,
  type CaseAction,
  type CaseCategory,
  type CaseRating,
  type CaseRole,
} from '../../../common/cases';
import { AppError } from '../../../common/errors';
import type { Updateable } from 'kysely';
import type { CasesTable } from '../../db/schema';
import { requireAccount, withTransaction, type Ctx } from '../../http/context';
import { inScope, scopeFor } from '../../http/scope';
import { recordAudit } from '../audit/record';
import { currentCalendar } from '../calendar/state';
import { actingOrg, rolesOf, seesCase } from './access';
import { appendEvent } from './events';
import { enqueueCaseNotice, type CaseNotice } from './notify';
import { settingsAt, statusLabelsAt } from './settings';
import * as q from './sql';

type Body = Static<typeof CaseStepBody>;
type Row = q.CaseRow;

/** Steps whose reason is required (a return, a refusal, a reopening must say why; a reply says what). */
const NEEDS_REASON: ReadonlySet<CaseAction> = new Set([
  'answer',
  'return',
  'request_extension',
  'request_park',
  'deny_extension',
  'deny_park',
  'reply',
  'review_reject',
  'reopen',
  'note',
]);

/** Steps the requester sees in their timeline with their reason as the text (a reply, an answer). */
const PUBLIC_REASON: ReadonlySet<CaseAction> = new Set(['answer', 'reply', 'reopen']);

export function isCaseAction(value: string): value is CaseAction {
  return (CASE_ACTIONS as readonly string[]).includes(value);
}

/**
 * The case's facts for nextStatus. A collective parent is never rated itself (its children are,
 * each by its requester): it counts as rated unsatisfied when any child is, so the dispatcher may
 * reopen the whole group, and its children follow (ADR 0018).
 */
export function factsOf(kase: Row, children: ReadonlyArray<{ rating: CaseRating | null }> = []) {
  return {
    category: kase.category,
    status: kase.status,
    pendingRequest: kase.pending_request,
    dueAt: kase.due_at,
    rating: kase.is_collective
      ? children.some((c) => c.rating === 'unsatisfied')
        ? ('unsatisfied' as const)
        : null
      : kase.rating,
    hasParent: kase.parent_id !== null,
  };
}

/** The steps `roles` may take on the case now: what the console shows as buttons (`children`: a parent's). */
export function allowedSteps(
  kase: Row,
  roles: ReadonlySet<CaseRole>,
  now: Date,
  children: ReadonlyArray<{ rating: CaseRating | null }> = [],
): CaseAction[] {
  const facts = factsOf(kase, children);
  return CASE_ACTIONS.filter((a) => a !== 'rate' && nextStatus(facts, a, roles, now).ok);
}

function refusal(kind: string, statusLabel: string): AppError {
  if (kind === 'too_late') return new AppError('case_deadline_passed', { days: '已超过办理期限，不能再申请延期' });
  if (kind === 'already_rated') return new AppError('case_already_rated');
  return new AppError('case_transition', undefined, `工单当前为「${statusLabel}」，不能执行此操作`);
}

/** What one step writes besides its status: clocks, the handling union, the pending request, rating. */
async function effectsOf(
  tx: Ctx,
  kase: Row,
  action: CaseAction,
  body: Body,
  now: Date,
): Promise<{ values: Updateable<CasesTable>; details: Record<string, unknown> }> {
  const { cal } = await currentCalendar(tx);
  const region = kase.handling_region ?? kase.receiving_region;
  const details: Record<string, unknown> = {};
  switch (action) {
    case 'dispatch': {
      if (body.org_id === undefined) throw new AppError('validation_failed', { org_id: '请选择承办工会' });
      const org = await q.findOrg(tx.db, body.org_id);
      // The handling union must lie in the dispatcher's own subtree (cross-province help is co-handling).
      // (The system, seeding or in tests, dispatches within the receiving union's subtree.)
      const scope =
        tx.actor?.kind === 'account'
          ? scopeFor(tx.actor, 'cases.dispatch')
          : { permission: 'cases.dispatch' as const, paths: [kase.receiving_path] };
      if (!org || org.status !== 'active' || !inScope(scope, org.path))
        throw new AppError('validation_failed', { org_id: '承办工会不存在或不在本级及下级范围内' });
      const tier = body.tier ?? kase.tier;
      const settings = await settingsAt(tx, org.path);
      const clockDays = resolutionDays(settings, kase.kind, tier);
      const coPaths = (await q.findCoHandlers(tx.db, kase.id)).map((o) => o.path);
      details.org_id = org.id;
      details.org_name = org.name;
      if (tier !== kase.tier) details.tier = tier;
      return {
        values: {
          handling_org_id: org.id,
          party_paths: [...new Set([kase.receiving_path, org.path, ...coPaths])],
          tier,
          dispatched_at: now,
          sign_due_at: dueAt(cal, now, settings.sign_days, org.region_code),
          signed_at: null,
          signed_on_time: null,
          clock_days: clockDays,
          due_at: dueAt(cal, kase.clock_from, clockDays, org.region_code),
        },
        details,
      };
    }
    case 'sign':
      return {
        values: { signed_at: now, signed_on_time: kase.sign_due_at === null || now <= kase.sign_due_at },
        details: { on_time: kase.sign_due_at === null || now <= kase.sign_due_at },
      };
    case 'return':
      // The returning union keeps seeing the case (its return is in the timeline) until it is dispatched again.
      return {
        values: {
          handling_org_id: null,
          signed_at: null,
          signed_on_time: null,
          sign_due_at: null,
          pending_request: null,
          pending_days: null,
          pending_reason: null,
        },
        details: { org_id: kase.handling_org_id },
      };
    case 'request_extension':
      if (body.days === undefined) throw new AppError('validation_failed', { days: '请填写延期的工作日天数' });
      return {
        values: { pending_request: 'extension', pending_days: body.days, pending_reason: body.reason!.trim() },
        details: { days: body.days },
      };
    case 'request_park':
      return {
        values: { pending_request: 'park', pending_days: null, pending_reason: body.reason!.trim() },
        details,
      };
    case 'approve_extension': {
      const clockDays = Math.min(250, kase.clock_days + (kase.pending_days ?? 0));
      const due = dueAt(cal, kase.clock_from, clockDays, region);
      return {
        values: { clock_days: clockDays, due_at: due, pending_request: null, pending_days: null, pending_reason: null },
        details: { days: kase.pending_days, due_at: due.toISOString() },
      };
    }
    case 'deny_extension':
    case 'deny_park':
      return { values: { pending_request: null, pending_days: null, pending_reason: null }, details };
    case 'approve_park':
      // The clock pauses: the working days left are kept, and counted again from the resumption.
      return {
        values: { parked_at: now, pending_request: null, pending_days: null, pending_reason: null },
        details: { working_days_left: Math.max(1, workingDaysBetween(cal, now, kase.due_at, region)) },
      };
    case 'resume': {
      const left = Math.max(1, workingDaysBetween(cal, kase.parked_at ?? now, kase.due_at, region));
      const due = dueAt(cal, now, left, region);
      return {
        values: { parked_at: null, clock_from: now, clock_days: left, due_at: due },
        details: { working_days_left: left, due_at: due.toISOString() },
      };
    }
    case 'reply':
      if (body.wage_recovered_fen !== undefined) details.wage_recovered_fen = body.wage_recovered_fen;
      return {
        values: {
          replied_at: now,
          pending_request: null,
          pending_days: null,
          pending_reason: null,
          ...(body.wage_recovered_fen !== undefined ? { wage_recovered_fen: body.wage_recovered_fen } : {}),
        },
        details,
      };
    case 'answer':
    case 'review_pass':
      return {
        values: { closed_at: now, handling_days: workingDaysBetween(cal, kase.received_at, now, region) },
        details,
      };
    case 'review_reject':
      return { values: { replied_at: null }, details };
    case 'reopen': {
      const settings = await settingsAt(tx, kase.handling_path ?? kase.receiving_path);
      const clockDays = resolutionDays(settings, kase.kind, kase.tier);
      const due = dueAt(cal, now, clockDays, region);
      return {
        values: {
          closed_at: null,
          replied_at: null,
          handling_days: null,
          clock_from: now,
          clock_days: clockDays,
          due_at: due,
          rating: null,
          rating_resolved: null,
          rating_reason: null,
          rated_at: null,
          reopen_count: kase.reopen_count + 1,
        },
        details: { rating: kase.rating, due_at: due.toISOString() },
      };
    }
    default:
      return { values: {}, details };
  }
}

/** Checks the body for the step: a reason where one is needed, nothing blank. */
function checkBody(action: CaseAction, body: Body): void {
  const reason = body.reason?.trim() ?? '';
  if (NEEDS_REASON.has(action) && !reason) {
    const what =
      action === 'reply' || action === 'answer'
        ? '请填写答复内容'
        : action === 'note'
          ? '请填写备注内容'
          : '请填写原因';
    throw new AppError('validation_failed', { reason: what });
  }
  if ([...reason].length > 2000) throw new AppError('validation_failed', { reason: '不能超过 2000 字' });
}

/**
 * Takes one step on a case for a console account: the transition from nextStatus, its effects, a
 * version check (the second of two cadres acting at once is told: 409 stale_version) and its event,
 * all in one transaction. Every child of a collective case follows its parent's step.
 */
export async function takeStep(
  ctx: Ctx,
  id: number,
  rawAction: string,
  body: Body,
  opts: { now?: Date } = {},
): Promise<{ id: number }> {
  const actor = requireAccount(ctx);
  if (!isCaseAction(rawAction) || rawAction === 'rate') throw new AppError('not_found');
  await withTransaction(ctx, (tx) =>
    applyStep(tx, id, rawAction, body, opts.now ?? new Date(), (kase, coPaths) =>
      seesCase(actor, kase.party_paths) ? rolesOf(actor, { ...kase, co_handler_paths: coPaths }) : null,
    ),
  );
  return { id };
}

/**
 * One step in the caller's transaction, the actor's roles given by `rolesFor` (null: the case is
 * not theirs, 404). takeStep's for an account; the demo seed's and tests' for a role they name.
 */
export async function applyStep(
  tx: Ctx,
  id: number,
  action: CaseAction,
  body: Body,
  now: Date,
  rolesFor: (kase: Row, coPaths: string[]) => ReadonlySet<CaseRole> | null,
): Promise<void> {
  checkBody(action, body);
  const kase = await q.findCase(tx.db, id, { forUpdate: true });
  const coPaths = kase ? (await q.findCoHandlers(tx.db, id)).map((o) => o.path) : [];
  const roles = kase && rolesFor(kase, coPaths);
  if (!kase || !roles) throw new AppError('not_found');
  const labels = await statusLabelsAt(tx, kase.receiving_path);
  const children = kase.is_collective ? await q.findChildren(tx.db, kase.id) : [];
  const t = nextStatus(factsOf(kase, children), action, roles, now);
  // A step on a version the actor did not read is stale whatever it would have been, even one the
  // case as it now stands no longer lets them take (a return moved it away while they signed): they
  // reload first and see why.
  if (kase.version !== body.version) throw new AppError('stale_version');
  if (!t.ok && t.refusal === 'forbidden') throw new AppError('forbidden');
  if (!t.ok) throw refusal(t.refusal, labels.get(kase.status) ?? kase.status);
  const { values, details } = await effectsOf(tx, kase, action, body, now);
  const status = t.status ?? kase.status;
  const updated = await q.updateCase(tx.db, id, body.version, { ...values, status, category: t.category });
  if (!updated) throw new AppError('stale_version');
  const reason = body.reason?.trim() || null;
  await appendEvent(tx, {
    caseId: id,
    action,
    from: kase.status,
    to: status === kase.status ? null : status,
    orgId: actingOrg(roles, kase, BY_DISPATCHER.has(action)),
    reason,
    internal: action === 'note' ? body.public !== true : false,
    details: { ...details, ...(PUBLIC_REASON.has(action) ? { public_text: true } : {}) },
    at: now,
  });
  const followers = await followParent(tx, kase, { status, category: t.category, values, action, reason, now });
  // The requester is told when the case is signed, replied and closed (each child of a collective case too).
  const notice = NOTICES[action];
  if (notice) for (const caseId of [id, ...followers]) await enqueueCaseNotice(tx, caseId, notice);
  await recordAudit(tx, {
    action: 'case.step',
    entityType: 'case',
    entityId: id,
    orgPath: kase.receiving_path,
    details: { tracking_no: kase.tracking_no, step: action, from: kase.status, to: status },
  });
}

/** The steps the requester hears of by text message. */
const NOTICES: Partial<Record<CaseAction, CaseNotice>> = {
  sign: 'signed',
  reply: 'replied',
  review_pass: 'closed',
  answer: 'closed',
};

/** Steps a dispatcher takes for the receiving union (the event names it rather than the handling union). */
const BY_DISPATCHER: ReadonlySet<CaseAction> = new Set([
  'answer',
  'dispatch',
  'approve_extension',
  'deny_extension',
  'approve_park',
  'deny_park',
  'review_pass',
  'review_reject',
  'reopen',
]);

/** A collective case's children take their parent's status and clocks, each with its own event. */
async function followParent(
  tx: Ctx,
  parent: Row,
  step: {
    status: string;
    category: CaseCategory;
    values: Updateable<CasesTable>;
    action: CaseAction;
    reason: string | null;
    now: Date;
  },
): Promise<number[]> {
  if (!parent.is_collective || step.action === 'note') return [];
  const children = await q.findChildren(tx.db, parent.id);
  for (const child of children) {
    const row = await q.findCase(tx.db, child.id, { forUpdate: true });
    if (!row) continue;
    // A child keeps its own rating and its own wages (the parent's are their sums); a reopening
    // clears every child's rating, as it clears a single case's: each requester rates the work redone.
    const { rating, rating_resolved, rating_reason, rated_at, wage_recovered_fen: _w, ...rest } = step.values;
    const values = step.action === 'reopen' ? { ...rest, rating, rating_resolved, rating_reason, rated_at } : rest;
    await q.updateCase(tx.db, child.id, row.version, { ...values, status: step.status, category: step.category });
    await appendEvent(tx, {
      caseId: child.id,
      action: step.action,
      from: row.status,
      to: step.status === row.status ? null : step.status,
      reason: PUBLIC_REASON.has(step.action) ? step.reason : null,
      details: { via_parent: parent.tracking_no },
      at: step.now,
    });
  }
  return children.map((c) => c.id);
}

export interface RequesterRating {
  rating: CaseRating;
  resolved: boolean;
  reason?: string | null;
}

/**
 * 回访: the requester rates a closed case once (the resolution and satisfaction rates count it).
 * The caller has proved the requester (tracking number and phone) and holds the transaction.
 */
export async function rateByRequester(
  tx: Ctx,
  caseId: number,
  input: RequesterRating,
  now = new Date(),
): Promise<void> {
  if (!CASE_RATINGS.includes(input.rating)) throw new AppError('validation_failed', { rating: '请选择评价' });
  const reason = input.reason?.trim() || null;
  if (input.rating === 'unsatisfied' && !reason)
    throw new AppError('validation_failed', { reason: '请说明不满意的原因' });
  if (reason && [...reason].length > 500) throw new AppError('validation_failed', { reason: '不能超过 500 字' });
  const kase = await q.findCase(tx.db, caseId, { forUpdate: true });
  if (!kase) throw new AppError('not_found');
  const t = nextStatus(factsOf(kase), 'rate', new Set<CaseRole>(['requester']), now);
  if (!t.ok) {
    const labels = await statusLabelsAt(tx, kase.receiving_path);
    throw refusal(t.refusal, labels.get(kase.status) ?? kase.status);
  }
  await q.updateCase(tx.db, caseId, kase.version, {
    rating: input.rating,
    rating_resolved: input.resolved,
    rating_reason: reason,
    rated_at: now,
  });
  await appendEvent(tx, {
    caseId,
    action: 'rate',
    actorKind: 'requester',
    reason,
    details: { rating: input.rating, resolved: input.resolved },
    at: now,
  });
}
