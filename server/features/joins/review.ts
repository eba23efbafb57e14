import type { Static } from '@sinclair/typebox';
import type { JoinBulkBody, JoinCounts, JoinQueueItem, JoinQueueQuery } from '../../../common/api/joins';
import { AppError, type FieldErrors } from '../../../common/errors';
import { maskName } from '../../../common/id-number';
import {
  PLACEABLE_ORG_TYPES,
  REFUSAL_REASON_MAX,
  REFUSAL_REASON_MIN,
  type JoinDecision,
  type JoinQueue,
} from '../../../common/joins';
import { likeEscape } from '../../../common/names';
import type { Occupation } from '../../../common/members';
import type { AccountActor } from '../../http/actor';
import { requireAccount, withTransaction, type Ctx } from '../../http/context';
import { decodeCursor, toPage } from '../../http/pagination';
import { scopeFor, type Scope } from '../../http/scope';
import { recordAudit } from '../audit/record';
import { enqueueJob } from '../jobs/enqueue';
import { createMember, lapseMember, moveMember } from '../members/service';
import { joinDecisionNoticeJob } from './notify';
import * as q from './sql';

type Item = Static<typeof JoinQueueItem>;
const PLACEABLE = [...PLACEABLE_ORG_TYPES];

/** The scope of a reviewer; a console account without joins.review anywhere has no queue (403). */
function reviewScope(ctx: Ctx): { actor: AccountActor; scope: Scope } {
  const actor = requireAccount(ctx);
  const scope = scopeFor(actor, 'joins.review');
  if (scope.paths.length === 0) throw new AppError('forbidden', undefined, '没有入会审核的权限');
  return { actor, scope };
}

/** An application as the queue shows it: the name masked like the ID number and phone. */
function present(row: q.QueueRow): Item {
  return {
    id: Number(row.id),
    application_no: row.application_no,
    status: row.status,
    channel: row.channel,
    source: row.source,
    org_id: row.org_id,
    org_name: row.org_name,
    placed_org_id: row.placed_org_id,
    placed_org_name: row.placed_org_name,
    name_masked: maskName(row.name),
    id_masked: row.id_masked,
    phone_masked: row.phone_masked,
    gender: row.gender,
    birth_year: row.birth_year,
    // The column's CHECK-free text holds what the join's schema allowed: the closed list.
    occupation: row.occupation as Occupation,
    platform: row.platform,
    employer: row.employer,
    work_region_code: row.work_region_code,
    member_no: row.member_no,
    refusal_reason: row.refusal_reason,
    created_at: row.created_at.toISOString(),
    age_hours: row.age_hours,
    reviewed_at: row.reviewed_at?.toISOString() ?? null,
    version: row.version,
  };
}

/** Lists a review queue in the caller's joins.review scope, filtered, by cursor. */
export async function listJoinQueue(ctx: Ctx, query: Static<typeof JoinQueueQuery>) {
  const { scope } = reviewScope(ctx);
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor, ['timestamp', 'bigint']);
  const no = query.q?.trim().toUpperCase();
  const rows = await q.findQueue(ctx.db, scope, {
    queue: query.queue ?? 'pending',
    orgId: query.org_id,
    occupation: query.occupation,
    noPrefix: no ? likeEscape(no) : undefined,
    after: after ? [after[0], after[1]] : undefined,
    limit,
  });
  const page = toPage(rows, limit, (r) => [r.created_key, Number(r.id)]);
  return { items: page.items.map(present), next_cursor: page.next_cursor };
}

/** How many wait in each queue of the caller's scope, and since when the oldest has (the menu badge). */
export async function countJoinQueues(ctx: Ctx): Promise<Static<typeof JoinCounts>> {
  const { scope } = reviewScope(ctx);
  const row = await q.countQueues(ctx.db, scope);
  const hoursSince = (at: Date | null) => (at ? Math.floor((Date.now() - new Date(at).getTime()) / 3_600_000) : null);
  const waiting = (count: number, oldest: Date | null) => ({
    count,
    oldest_at: oldest ? new Date(oldest).toISOString() : null,
    oldest_age_hours: hoursSince(oldest),
  });
  return {
    pending: waiting(row.pending, row.pending_oldest),
    pooled: waiting(row.pooled, row.pooled_oldest),
    decided: { count: row.decided, oldest_at: null, oldest_age_hours: null },
  };
}

/** What a reviewer decides about one application. */
export type Decision =
  | { action: 'approve' }
  | { action: 'refuse'; reason: string }
  | { action: 'place'; orgId: number };

const AUDIT = { approve: 'join.approved', refuse: 'join.refused', place: 'join.placed' } as const;
/** The queue each decision acts on (any other is a 409: it was decided or is in another queue). */
const ACTS_ON: Record<JoinDecision, readonly JoinQueue[]> = {
  approve: ['pending'],
  refuse: ['pending', 'pooled'],
  place: ['pooled'],
};

function checkReason(reason: string): string {
  const text = reason.trim();
  const n = [...text].length;
  if (n < REFUSAL_REASON_MIN || n > REFUSAL_REASON_MAX)
    throw new AppError('validation_failed', {
      reason: `请填写不通过的原因（${REFUSAL_REASON_MIN}–${REFUSAL_REASON_MAX} 个字），申请人会看到`,
    });
  return text;
}

/**
 * Decides one application inside the caller's transaction, as its actor (a reviewer, or the
 * system for the demo seed), within `scope`. Missing and out of scope are alike
 * (not_found); a decision on an older version than the stored one is stale_version (someone else
 * decided first). Approving makes the member; refusing a pooled member ends the membership the
 * pool gave; placing moves the member into the chosen union of the pool's county.
 */
export async function decideInTransaction(
  tx: Ctx,
  scope: Scope,
  id: number,
  version: number,
  d: Decision,
): Promise<void> {
  const app = await q.lockApplicationInScope(tx.db, scope, id);
  if (!app) throw new AppError('not_found');
  if (app.version !== version)
    throw new AppError('stale_version', { version: '该申请已被他人处理或修改，请刷新后重试' });
  const queue: JoinQueue =
    app.status === 'pending' ? 'pending' : app.status === 'pooled' && app.placed_org_id === null ? 'pooled' : 'decided';
  if (!ACTS_ON[d.action].includes(queue))
    throw new AppError(
      'conflict',
      {
        status:
          queue === 'decided'
            ? '该申请已处理完毕'
            : d.action === 'place'
              ? '只有周转库中的会员需要安置'
              : '周转库会员请安置或不通过',
      },
      '该申请当前不能这样处理',
    );
  let memberId = app.member_id === null ? null : Number(app.member_id);
  let memberNo: string | undefined;
  let placed: { id: number; name: string } | undefined;
  if (d.action === 'approve') {
    const member = await createMember(tx, {
      orgId: app.org_id,
      channel: app.source === 'search' ? 'search' : 'qr',
      name: app.name,
      id: {
        id_hash: app.id_hash,
        id_enc: app.id_enc,
        id_masked: app.id_masked,
        gender: app.gender,
        birth_year: app.birth_year,
        id_region_code: app.id_region_code,
        isTestNumber: app.id_region_code.startsWith('99'),
      },
      phone: { phone_hash: app.phone_hash, phone_enc: app.phone_enc, phone_masked: app.phone_masked },
      occupation: app.occupation as Occupation,
      platform: app.platform,
      employer: app.employer,
      workRegionCode: app.work_region_code,
      residenceRegionCode: app.residence_region_code,
    });
    memberId = member.id;
    memberNo = member.member_no;
  } else if (d.action === 'place') {
    const target = await q.findPlaceTarget(tx.db, scope, d.orgId, app.county_path, PLACEABLE);
    if (!target) throw new AppError('validation_failed', { org_id: '请选择本区县内的街道、乡镇、社区或行业工会' });
    if (memberId === null) throw new AppError('not_found');
    await moveMember(tx, memberId, target.id);
    placed = { id: target.id, name: target.name };
  } else if (memberId !== null) {
    // A pooled worker was a member at once; refusing them ends that membership (the number stays theirs).
    await lapseMember(tx, memberId);
  }
  const done = await q.decideApplication(tx.db, id, version, {
    status: d.action === 'refuse' ? 'refused' : 'approved',
    member_id: memberId,
    placed_org_id: placed?.id ?? null,
    refusal_reason: d.action === 'refuse' ? d.reason : null,
    reviewed_by: tx.actor?.kind === 'account' ? tx.actor.accountId : null,
  });
  if (!done) throw new AppError('stale_version', { version: '该申请已被他人处理或修改，请刷新后重试' });
  await recordAudit(tx, {
    action: AUDIT[d.action],
    entityType: 'join_application',
    entityId: id,
    orgPath: app.org_path,
    ...(d.action === 'refuse' ? { reason: d.reason } : {}),
    details: {
      application_no: app.application_no,
      from: queue,
      ...(memberNo ? { member_no: memberNo } : {}),
      ...(placed ? { placed_org_id: placed.id, placed_org_name: placed.name } : {}),
    },
  });
  // The applicant is texted once the decision has committed (a rolled-back one enqueues nothing).
  await enqueueJob(
    tx,
    joinDecisionNoticeJob,
    { application_id: id },
    { orgId: app.org_id, singletonKey: `join-notice:${id}` },
  );
}

/** Approves, refuses or places one application (joins.review in its scope); answers it as the queue shows it. */
export async function decideJoin(ctx: Ctx, id: number, version: number, d: Decision): Promise<Item> {
  const actor = requireAccount(ctx);
  const scope = scopeFor(actor, 'joins.review');
  const decision = d.action === 'refuse' ? { ...d, reason: checkReason(d.reason) } : d;
  return withTransaction(ctx, async (tx) => {
    await decideInTransaction(tx, scope, id, version, decision);
    return present(await q.findQueueItem(tx.db, id));
  });
}

/** Marks a failed bulk so its transaction rolls back; the route answers the per-id errors. */
class BulkFailed extends Error {
  constructor(readonly errors: Array<[number, AppError]>) {
    super('bulk decision failed');
  }
}

/**
 * Decides many applications in one transaction, all or none: any failure rolls all back and
 * answers each failed id with its reason (fields keyed by id) — 409 stale_version when another
 * reviewer decided one first, else 422.
 */
export async function decideJoinsInBulk(ctx: Ctx, body: Static<typeof JoinBulkBody>) {
  const { scope } = reviewScope(ctx);
  let decision: Decision;
  if (body.action === 'refuse') decision = { action: 'refuse', reason: checkReason(body.reason ?? '') };
  else if (body.action === 'place') {
    if (body.org_id === undefined) throw new AppError('validation_failed', { org_id: '请选择安置的工会' });
    decision = { action: 'place', orgId: body.org_id };
  } else decision = { action: 'approve' };
  const ids = body.items.map((i) => i.id);
  if (new Set(ids).size !== ids.length) throw new AppError('validation_failed', { items: '同一申请不能出现两次' });
  try {
    return await withTransaction(ctx, async (tx) => {
      const errors: Array<[number, AppError]> = [];
      for (const item of body.items) {
        try {
          await decideInTransaction(tx, scope, item.id, item.version, decision);
        } catch (err) {
          // An AppError is thrown before any statement fails, so the transaction is still usable.
          if (!(err instanceof AppError)) throw err;
          errors.push([item.id, err]);
        }
      }
      if (errors.length > 0) throw new BulkFailed(errors);
      const items: Item[] = [];
      for (const id of ids) items.push(present(await q.findQueueItem(tx.db, id)));
      return { items };
    });
  } catch (err) {
    if (!(err instanceof BulkFailed)) throw err;
    const fields: FieldErrors = {};
    for (const [id, e] of err.errors) fields[String(id)] = e.fields ? Object.values(e.fields).join('；') : e.message;
    const stale = err.errors.some(([, e]) => e.code === 'stale_version');
    throw new AppError(
      stale ? 'stale_version' : 'validation_failed',
      fields,
      `${err.errors.length} 条申请不能处理，全部未处理：请刷新后重试`,
    );
  }
}
