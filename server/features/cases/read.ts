import type { Static } from '@sinclair/typebox';
import type { CaseCounts, CaseListItem, CaseListQuery, CaseView, CallerLookup } from '../../../common/api/cases';
import { addWorkingDays } from '../../../common/calendar/due';
import { parseIsoDate, startOfDay } from '../../../common/calendar/days';
import { CLOCK_RUNNING, EVENT_LABELS, REMIND_BEFORE_HOURS, caseLight, type CaseCategory } from '../../../common/cases';
import { AppError } from '../../../common/errors';
import { likeEscape, normaliseSearch } from '../../../common/names';
import { normaliseMobile } from '../../../common/phone';
import { requireAccount, type Ctx } from '../../http/context';
import { decodeCursor, toPage } from '../../http/pagination';
import { scopeFor } from '../../http/scope';
import type { AccountActor } from '../../http/actor';
import { currentCalendar } from '../calendar/state';
import { listFiles } from '../files/attach';
import { shanghaiToday } from '../members/personal';
import { caseScopes, rolesOf, seesCase } from './access';
import { CASE_ATTACHMENTS } from './files';
import { statusLabelsAt } from './settings';
import * as q from './sql';
import * as ql from './list-sql';
import { allowedSteps } from './steps';
import { normaliseTrackingNo } from './tracking-no';

type ListRow = Awaited<ReturnType<typeof ql.listCases>>[number];

/** The last working day before a deadline instant (the deadline is the next day's 00:00 +08:00). */
export const dueDateOf = (dueAt: Date) => shanghaiToday(dueAt.getTime() - 1);

/** How a list row names its requester: masked, or 匿名. */
function requesterOf(row: { anonymous: boolean; requester_name_masked: string | null; phone_masked: string | null }) {
  if (row.anonymous) return '匿名';
  return row.requester_name_masked ?? row.phone_masked ?? '—';
}

export function presentListItem(
  row: ListRow,
  labels: ReadonlyMap<string, string>,
  now: Date,
): Static<typeof CaseListItem> {
  return {
    id: row.id,
    tracking_no: row.tracking_no,
    kind: row.kind,
    subject: row.subject,
    tier: row.tier,
    emergency: row.emergency,
    channel: row.channel,
    status: row.status,
    status_label: labels.get(row.status) ?? row.status,
    category: row.category,
    requester: requesterOf(row),
    employer_name: row.employer_name,
    receiving_org: { id: row.receiving_org_id, name: row.receiving_name },
    handling_org: row.handling_org_id !== null ? { id: row.handling_org_id, name: row.handling_name ?? '' } : null,
    received_at: row.received_at.toISOString(),
    due_at: row.due_at.toISOString(),
    due_date: dueDateOf(row.due_at),
    light: caseLight(row.category, row.due_at, now),
    pending_request: row.pending_request,
    supervised: row.supervised_for !== null && row.supervised_for.getTime() === row.due_at.getTime(),
    publicised: row.publicised_for !== null && row.publicised_for.getTime() === row.due_at.getTime(),
    is_collective: row.is_collective,
    parent_id: row.parent_id,
    rating: row.rating,
    version: row.version,
  };
}

function dayStart(text: string | undefined, field: string): Date | undefined {
  if (text === undefined || text === '') return undefined;
  const day = parseIsoDate(text);
  if (day === null) throw new AppError('validation_failed', { [field]: '日期格式应为 YYYY-MM-DD' });
  return new Date(startOfDay(day));
}

/** The filter of a queue: whose cases, in which categories. */
function queueFilter(
  actor: AccountActor,
  queue: Static<typeof CaseListQuery>['queue'],
  now: Date,
): Partial<ql.CaseFilter> {
  switch (queue) {
    case 'dispatch':
      return { receivingIn: scopeFor(actor, 'cases.dispatch'), categories: ['new'] };
    case 'handle':
      return { handlingIn: scopeFor(actor, 'cases.handle'), categories: ['dispatched', 'in_progress', 'waiting'] };
    case 'review':
      return { receivingIn: scopeFor(actor, 'cases.dispatch'), categories: ['resolved'] };
    case 'requests':
      return { receivingIn: scopeFor(actor, 'cases.dispatch'), categories: ['in_progress'], pending: true };
    case 'overdue':
      return { categories: CLOCK_RUNNING, overdueAt: now };
    case 'publicised':
      return { categories: CLOCK_RUNNING, publicised: true, overdueAt: now };
    case 'mine':
      return { intakeAccountId: actor.accountId };
    default:
      return {};
  }
}

function lightFilter(light: 'red' | 'yellow' | 'green' | undefined, now: Date): Partial<ql.CaseFilter> {
  if (!light) return {};
  const soon = new Date(now.getTime() + REMIND_BEFORE_HOURS * 3_600_000);
  if (light === 'red') return { categories: CLOCK_RUNNING, overdueAt: now };
  if (light === 'yellow') return { categories: CLOCK_RUNNING, dueAfter: now, dueBefore: soon };
  return { categories: CLOCK_RUNNING, dueAfter: soon };
}

const intersect = (a: readonly CaseCategory[] | undefined, b: readonly CaseCategory[] | undefined) =>
  a && b ? a.filter((c) => b.includes(c)) : (a ?? b);

/**
 * The case list in scope (every list agrees with the single read: one party of the case in a
 * scope of the caller's case permissions), a queue and filters, cursor-paged by due date or receipt.
 */
export async function listCases(ctx: Ctx, query: Static<typeof CaseListQuery>, now = new Date()) {
  const actor = requireAccount(ctx);
  const scopes = caseScopes(actor);
  if (scopes.length === 0) throw new AppError('forbidden');
  const sort = query.sort ?? (query.queue === 'mine' || query.queue === undefined ? 'received' : 'due');
  // The dispatcher's queue puts emergencies first (they must be dispatched within the hour).
  const order = sort === 'due' && query.queue === 'dispatch' ? 'emergency' : sort;
  const after =
    order === 'emergency'
      ? decodeCursor(query.cursor, ['int', 'timestamp', 'bigint'] as const)
      : decodeCursor(query.cursor, ['timestamp', 'bigint'] as const);
  const limit = query.limit ?? 50;
  const queue = queueFilter(actor, query.queue, now);
  const light = lightFilter(query.light, now);
  const filter: ql.CaseFilter = { scopes, ...queue, ...light };
  filter.categories = intersect(queue.categories, light.categories);
  if (queue.overdueAt && light.overdueAt) filter.overdueAt = queue.overdueAt;
  if (query.category) filter.category = query.category;
  if (query.kind) filter.kind = query.kind;
  if (query.subject) filter.subject = query.subject;
  if (query.channel) filter.channel = query.channel;
  if (query.emergency !== undefined) filter.emergency = query.emergency;
  if (query.collective !== undefined) filter.collective = query.collective;
  filter.receivedFrom = dayStart(query.received_from, 'received_from');
  const to = dayStart(query.received_to, 'received_to');
  if (to) filter.receivedTo = new Date(to.getTime() + 86_400_000);
  const text = normaliseSearch(query.q);
  if (text) {
    const trackingNo = normaliseTrackingNo(text);
    filter.q = trackingNo
      ? { trackingNo, employerLike: null }
      : { trackingNo: null, employerLike: `%${likeEscape(text)}%` };
  }
  if (query.org_id !== undefined) {
    const org = await q.findOrg(ctx.db, query.org_id);
    if (!org || !scopes.some((s) => s.paths.some((p) => org.path === p || org.path.startsWith(`${p}.`))))
      throw new AppError('validation_failed', { org_id: '组织不存在' });
    filter.orgPath = org.path;
  }
  const rows = await ql.listCases(ctx.db, filter, order, after as Parameters<typeof ql.listCases>[3], limit);
  const labels = await statusLabelsAt(ctx, actor.orgPath);
  const page = toPage(rows, limit, (r) =>
    order === 'emergency'
      ? [r.emergency ? 1 : 0, r.due_at.toISOString(), r.id]
      : [(sort === 'due' ? r.due_at : r.received_at).toISOString(), r.id],
  );
  return { items: page.items.map((r) => presentListItem(r, labels, now)), next_cursor: page.next_cursor };
}

/** Counts are shown as badges: past this, "999+". */
const COUNT_CAP = 1000;

/** The caller's queue counts (the console's menu badges and the workbench). */
export async function countCaseQueues(ctx: Ctx, now = new Date()): Promise<Static<typeof CaseCounts>> {
  const actor = requireAccount(ctx);
  const scopes = caseScopes(actor);
  if (scopes.length === 0) throw new AppError('forbidden');
  const count = (queue: Parameters<typeof queueFilter>[1]) =>
    ql.countCases(ctx.db, { scopes, ...queueFilter(actor, queue, now) }, COUNT_CAP);
  const [dispatch, handle, review, requests, overdue] = await Promise.all([
    count('dispatch'),
    count('handle'),
    count('review'),
    count('requests'),
    count('overdue'),
  ]);
  return { dispatch, handle, review, requests, overdue, cap: COUNT_CAP };
}

function actorName(e: Awaited<ReturnType<typeof q.findEvents>>[number]): string {
  if (e.actor_kind === 'system') return '系统';
  if (e.actor_kind === 'requester') return '申请人';
  return e.actor_name ?? '—';
}

/** One case as the console shows it: 404 when no party of it lies in the caller's scope. */
export async function getCase(ctx: Ctx, id: number, now = new Date()): Promise<Static<typeof CaseView>> {
  const actor = requireAccount(ctx);
  const kase = await q.findCase(ctx.db, id);
  if (!kase || !seesCase(actor, kase.party_paths)) throw new AppError('not_found');
  const [sealed, events, coHandlers, children, labels, files, station, routed] = await Promise.all([
    q.findSealed(ctx.db, id),
    q.findEvents(ctx.db, id),
    q.findCoHandlers(ctx.db, id),
    kase.is_collective ? q.findChildren(ctx.db, id) : Promise.resolve([]),
    statusLabelsAt(ctx, kase.receiving_path),
    listFiles(ctx, CASE_ATTACHMENTS, id),
    kase.station_id !== null ? q.findStationName(ctx.db, kase.station_id) : Promise.resolve(undefined),
    kase.routed_org_id !== null ? q.findOrg(ctx.db, kase.routed_org_id) : Promise.resolve(undefined),
  ]);
  const roles = rolesOf(actor, { ...kase, co_handler_paths: coHandlers.map((o) => o.path) });
  const { cal } = await currentCalendar(ctx);
  const label = (code: string | null) => (code === null ? null : (labels.get(code) ?? code));
  return {
    ...presentListItem({ ...kase, receiving_name: kase.receiving_name }, labels, now),
    description: ctx.cipher.decrypt(sealed.description_enc),
    phone_masked: kase.anonymous ? null : kase.phone_masked,
    member_id: kase.member_id,
    employer_uscc: kase.employer_uscc,
    station: station ?? null,
    region_code: kase.region_code,
    lat: kase.lat,
    lng: kase.lng,
    severity: kase.severity,
    wage_claimed_fen: kase.wage_claimed_fen,
    wage_recovered_fen: kase.wage_recovered_fen,
    routed_org: routed ? { id: routed.id, name: routed.name } : null,
    routed_by: kase.routed_by,
    co_handlers: coHandlers.map((o) => ({ id: o.id, name: o.name })),
    dispatch_due_at: kase.dispatch_due_at?.toISOString() ?? null,
    sign_due_at: kase.sign_due_at?.toISOString() ?? null,
    signed_at: kase.signed_at?.toISOString() ?? null,
    closed_at: kase.closed_at?.toISOString() ?? null,
    pending_days: kase.pending_days,
    pending_reason: kase.pending_reason,
    parked_at: kase.parked_at?.toISOString() ?? null,
    rating_resolved: kase.rating_resolved,
    rating_reason: kase.rating_reason,
    due_explanation: addWorkingDays(
      cal,
      kase.clock_from,
      kase.clock_days,
      kase.handling_region ?? kase.receiving_region,
    ),
    attachments: files,
    children: children.map((c) => ({
      id: c.id,
      tracking_no: c.tracking_no,
      requester: requesterOf({ ...c, phone_masked: null }),
    })),
    events: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      action: e.action,
      label: EVENT_LABELS[e.action as keyof typeof EVENT_LABELS] ?? e.action,
      from_status_label: label(e.from_status),
      to_status_label: label(e.to_status),
      actor: actorName(e),
      org_name: e.org_name,
      reason: e.reason,
      internal: e.internal,
      details: e.details,
    })),
    actions: allowedSteps(kase, roles, now, children),
  };
}

/**
 * The hotline's caller lookup (the phone in the body, never in a URL): the caller's earlier cases
 * in the agent's scope and whether the phone is a member's, masked.
 */
export async function lookUpCaller(ctx: Ctx, rawPhone: string, now = new Date()): Promise<Static<typeof CallerLookup>> {
  const actor = requireAccount(ctx);
  const scopes = caseScopes(actor);
  if (scopes.length === 0) throw new AppError('forbidden');
  const phone = normaliseMobile(rawPhone);
  if (!phone) throw new AppError('validation_failed', { phone: '请输入正确的 11 位手机号' });
  const hash = ctx.cipher.blindIndex(phone);
  const [rows, member] = await Promise.all([
    ql.findRecentCasesOfPhone(ctx.db, hash, scopes, 20),
    q.findMemberUnion(ctx.db, hash),
  ]);
  const labels = await statusLabelsAt(ctx, actor.orgPath);
  return {
    is_member: !!member,
    member_org: member ? member.name : null,
    cases: rows.map((r) => presentListItem(r, labels, now)),
  };
}
