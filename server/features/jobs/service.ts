import { AppError } from '../../../common/errors';
import type { JobState } from '../../../common/api/jobs';
import { recordAudit } from '../audit/record';
import { requireAccount, withTransaction, type Ctx } from '../../http/context';
import { decodeCursor, toPage } from '../../http/pagination';
import type { AccountActor } from '../../http/actor';
import { mayNameStarter, runVisibility } from './policy';
import { cancelRunById, findRun, findRuns } from './sql';

type RunRow = NonNullable<Awaited<ReturnType<typeof findRun>>>;

const OUT_OF_SCOPE_STARTER = '管理范围外的工作人员';
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A run as the API shows it to this viewer. */
function present(actor: AccountActor, r: RunRow) {
  const isMine = r.started_by === actor.accountId;
  const startedBy =
    r.started_by === null
      ? '系统'
      : isMine || mayNameStarter(actor, r.permission, r.starter_org_path)
        ? (r.starter_name ?? OUT_OF_SCOPE_STARTER)
        : OUT_OF_SCOPE_STARTER;
  return {
    id: r.id,
    name: r.name,
    state: r.state,
    progress: r.progress,
    progress_message: r.progress_message,
    org_id: r.org_id,
    org_name: r.org_name,
    started_by_label: startedBy,
    is_mine: isMine,
    attempts: r.attempts,
    max_attempts: r.max_attempts,
    run_after: r.run_after.toISOString(),
    created_at: r.created_at.toISOString(),
    started_at: iso(r.started_at),
    finished_at: iso(r.finished_at),
    result: r.result ?? null,
    error: r.error,
    // Whoever sees a run may cancel it (the starter, or a holder of its permission there).
    can_cancel: r.state === 'queued' || r.state === 'running',
  };
}

/** The runs the account sees (its own, and those its permissions cover), newest first. */
export async function listJobs(ctx: Ctx, query: { name?: string; state?: JobState; cursor?: string; limit?: number }) {
  const actor = requireAccount(ctx);
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor, ['bigint']);
  const rows = await findRuns(ctx.db, runVisibility(actor), {
    name: query.name,
    state: query.state,
    after: after?.[0],
    limit,
  });
  const page = toPage(rows, limit, (r) => [r.id]);
  return { items: page.items.map((r) => present(actor, r)), next_cursor: page.next_cursor };
}

/** One run the account sees; out of its sight, not found. */
export async function getJob(ctx: Ctx, id: number) {
  const actor = requireAccount(ctx);
  const row = await findRun(ctx.db, runVisibility(actor), id);
  if (!row) throw new AppError('not_found');
  return present(actor, row);
}

/**
 * Cancels a queued or running run the account sees: a queued one never starts, a running one's
 * handler is aborted at its next progress report or lease renewal, on whichever node runs it.
 * A run that has finished answers 409.
 */
export async function cancelJob(ctx: Ctx, id: number) {
  const actor = requireAccount(ctx);
  return withTransaction(ctx, async (tx) => {
    const row = await findRun(tx.db, runVisibility(actor), id);
    if (!row) throw new AppError('not_found');
    if (!(await cancelRunById(tx.db, id))) throw new AppError('conflict', undefined, '任务已经结束，不能取消');
    await recordAudit(tx, {
      action: 'job.cancelled',
      entityType: 'job',
      entityId: id,
      // Placed at the run's org; a deployment-wide run's at the canceller's own org.
      orgPath: row.org_path ?? undefined,
      details: { name: row.name, was: row.state },
    });
    return present(actor, { ...row, state: 'cancelled', finished_at: new Date() });
  });
}
