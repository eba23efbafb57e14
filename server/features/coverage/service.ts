import type { Static } from '@sinclair/typebox';
import type { CoverageRunView, StartCoverageBody } from '../../../common/api/coverage';
import { AppError } from '../../../common/errors';
import { convertPoint, type Crs } from '../../../common/geo';
import { requireAccount, withTransaction, type Ctx } from '../../http/context';
import { can, inScope, scopeFor } from '../../http/scope';
import { recordAudit } from '../audit/record';
import { enqueueJob } from '../jobs/enqueue';
import { coverageJob } from './job';
import * as q from './sql';

/** Who analyses coverage: the registry's keepers of a subtree (stations.manage). */
const scopeOf = (ctx: Ctx) => scopeFor(requireAccount(ctx), 'stations.manage');

/**
 * Starts an analysis of one org's subtree (202: it runs as a job with progress). Out-of-scope orgs and
 * sets answer as missing ones do.
 */
export async function startCoverageRun(ctx: Ctx, body: Static<typeof StartCoverageBody>) {
  const actor = requireAccount(ctx);
  const scope = scopeOf(ctx);
  // As every write that names an org in its body: unknown or unseen is a 422 naming it; seen but
  // without the permission, 403.
  const org = await q.findOrgPath(ctx.db, body.org_id);
  if (!org || !can(actor, 'orgs.read', org.path))
    throw new AppError('validation_failed', { org_id: '没有这个组织，或不在您的管辖范围内' });
  if (!inScope(scope, org.path)) throw new AppError('forbidden', { org_id: '您没有这个组织的驿站管理权限' });
  if (body.source === 'set' && body.set_id === undefined)
    throw new AppError('validation_failed', { set_id: '请选择点集' });
  if (body.source === 'members' && body.set_id !== undefined)
    throw new AppError('validation_failed', { set_id: '按会员分析时不选点集' });
  if (body.set_id !== undefined && !(await q.findPointSetInScope(ctx.db, scope, body.set_id)))
    throw new AppError('validation_failed', { set_id: '没有这个点集，或不在您的管辖范围内' });
  return withTransaction(ctx, async (tx) => {
    const { id } = await q.insertRun(tx.db, {
      org_id: org.id,
      source: body.source,
      set_id: body.set_id ?? null,
      created_by: requireAccount(tx).accountId,
    });
    const jobId = await enqueueJob(tx, coverageJob, { run_id: id }, { orgId: org.id });
    await q.setRunJob(tx.db, id, jobId);
    await recordAudit(tx, {
      action: 'coverage.started',
      entityType: 'coverage_run',
      entityId: id,
      orgPath: org.path,
      details: { source: body.source, set_id: body.set_id ?? null },
    });
    return { id, job_id: jobId };
  });
}

export async function listCoverageRuns(ctx: Ctx) {
  return { items: (await q.listRuns(ctx.db, scopeOf(ctx))).map(summary) };
}

export async function listPointSets(ctx: Ctx) {
  const rows = await q.listPointSets(ctx.db, scopeOf(ctx));
  return { items: rows.map((r) => ({ ...r, created_at: r.created_at.toISOString() })) };
}

type RunRow = Awaited<ReturnType<typeof q.listRuns>>[number];

function summary(r: RunRow) {
  const done = r.status !== 'queued';
  return {
    id: r.id,
    org_id: r.org_id,
    org_name: r.org_name,
    source: r.source,
    set_id: r.set_id,
    set_name: r.set_name,
    status: r.status,
    progress: done ? 100 : (r.progress ?? 0),
    progress_message: done ? null : r.progress_message,
    created_at: r.created_at.toISOString(),
    finished_at: r.finished_at?.toISOString() ?? null,
  };
}

interface StoredResult {
  groups: unknown[];
  station_points?: Array<{ lat: number; lng: number }>;
  gaps: Array<{ lat: number; lng: number }>;
  suggestions: Array<{ lat: number; lng: number }>;
}

/** One run with its result, coordinates in `crs`. */
export async function getCoverageRun(ctx: Ctx, id: number, crs: Crs = 'wgs84'): Promise<Static<typeof CoverageRunView>> {
  const row = await q.findRunInScope(ctx.db, scopeOf(ctx), id);
  if (!row) throw new AppError('not_found');
  const stored = row.result as (StoredResult & Record<string, unknown>) | null;
  const to = <P extends { lat: number; lng: number }>(p: P): P => ({ ...p, ...convertPoint(p, 'wgs84', crs) });
  const result = stored
    ? {
        ...stored,
        gaps: stored.gaps.map(to),
        suggestions: stored.suggestions.map(to),
        station_points: (stored.station_points ?? []).map(to),
      }
    : null;
  return { ...summary(row), crs, result: result as Static<typeof CoverageRunView>['result'] };
}
