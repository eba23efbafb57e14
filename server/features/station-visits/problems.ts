import type { Static } from '@sinclair/typebox';
import type {
  ProblemBody,
  ProblemListQuery,
  ProblemReported,
  ProblemStatusBody,
  ProblemView,
} from '../../../common/api/station-visits';
import { AppError } from '../../../common/errors';
import { normaliseMobile } from '../../../common/phone';
import { canMoveProblem, PROBLEM_STATUSES } from '../../../common/station-visits';
import { requireAccount, withTransaction, type Ctx } from '../../http/context';
import { decodeCursor, toPage } from '../../http/pagination';
import { maskPhone } from '../../lib/crypto';
import { recordAudit } from '../audit/record';
import { attachFiles, listFiles } from '../files/attach';
import { openMaintenanceCase } from './case-seam';
import { PROBLEM_PHOTOS } from './files';
import { seesAnyStation, stationsSeenBy, type StationsSeen } from './policy';
import * as q from './sql';

/**
 * 问题报告: anyone reports a problem at a station (with photos and, if they wish, a phone to call
 * back, sealed and shown masked); the station's keeper and its owning union list them and move
 * them open → in_progress → resolved | dismissed.
 */
export async function reportProblem(
  tx: Ctx,
  stationId: number,
  body: Static<typeof ProblemBody>,
): Promise<Static<typeof ProblemReported>> {
  const station = await q.findPublicStation(tx.db, stationId);
  if (!station) throw new AppError('not_found');
  const description = body.description.trim();
  if (!description) throw new AppError('validation_failed', { description: '请描述遇到的问题' });
  let phone: string | null = null;
  if (body.contact_phone?.trim()) {
    phone = normaliseMobile(body.contact_phone);
    if (!phone) throw new AppError('validation_failed', { contact_phone: '请填写 11 位手机号，或留空' });
  }
  const row = await q.insertProblem(tx.db, {
    station_id: stationId,
    kind: body.kind,
    description,
    contact_phone_enc: phone && tx.cipher.encrypt(phone),
    contact_phone_masked: phone && maskPhone(phone),
    signed_in: tx.actor?.kind === 'worker',
  });
  await attachFiles(tx, PROBLEM_PHOTOS, row.id, body.photos ?? [], 'photos');
  await openMaintenanceCase(tx, { id: row.id, stationId, orgId: station.org_id, kind: body.kind, description, phone });
  return { id: row.id, status: row.status, message: '已收到您的报告，站长和所属工会将尽快处理，谢谢！' };
}

type Row = NonNullable<Awaited<ReturnType<typeof q.findProblem>>>;

async function present(ctx: Ctx, row: Row): Promise<Static<typeof ProblemView>> {
  return {
    id: row.id,
    station_id: row.station_id,
    station_name: row.station_name,
    org_name: row.org_name,
    kind: row.kind,
    description: row.description,
    contact_phone_masked: row.contact_phone_masked,
    signed_in: row.signed_in,
    status: row.status,
    status_note: row.status_note,
    photos: await listFiles(ctx, PROBLEM_PHOTOS, row.id),
    version: row.version,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

function seenBy(ctx: Ctx, none: 'forbidden' | 'not_found'): StationsSeen {
  const seen = stationsSeenBy(requireAccount(ctx));
  if (!seesAnyStation(seen)) throw new AppError(none);
  return seen;
}

/** 驿站问题: the problems at the stations the account sees, newest first, by status, station or union. */
export async function listProblems(ctx: Ctx, query: Static<typeof ProblemListQuery>) {
  const seen = seenBy(ctx, 'forbidden');
  const limit = query.limit ?? 50;
  const before = decodeCursor(query.cursor, ['int'] as const)?.[0];
  let orgPath: string | undefined;
  if (query.org_id !== undefined) {
    const org = await q.findSeenOrg(ctx.db, seen, query.org_id);
    if (!org) throw new AppError('not_found');
    orgPath = org.path;
  }
  const rows = await q.findProblems(ctx.db, seen, {
    status: query.status,
    stationId: query.station_id,
    orgPath,
    before,
    limit,
  });
  const page = toPage(rows, limit, (r) => [r.id]);
  return { items: await Promise.all(page.items.map((r) => present(ctx, r))), next_cursor: page.next_cursor };
}

/** One problem the account sees. */
export async function getProblem(ctx: Ctx, id: number) {
  const row = await q.findProblem(ctx.db, seenBy(ctx, 'not_found'), id);
  if (!row) throw new AppError('not_found');
  return present(ctx, row);
}

/** Moves a problem on (the keeper or the owning union), at the version read; audited. */
export async function setProblemStatus(ctx: Ctx, id: number, body: Static<typeof ProblemStatusBody>) {
  const seen = seenBy(ctx, 'not_found');
  const note = body.note?.trim() || null;
  await withTransaction(ctx, async (tx) => {
    const row = await q.findProblem(tx.db, seen, id);
    if (!row) throw new AppError('not_found');
    if (row.version !== body.version) throw new AppError('stale_version');
    if (!canMoveProblem(row.status, body.status))
      throw new AppError('validation_failed', {
        status: `「${PROBLEM_STATUSES[row.status]}」的问题不能改为「${PROBLEM_STATUSES[body.status]}」`,
      });
    if (body.status === 'dismissed' && !note) throw new AppError('validation_failed', { note: '不予处理时请写明原因' });
    if (!(await q.updateProblemStatus(tx.db, id, body.version, { status: body.status, status_note: note })))
      throw new AppError('stale_version');
    await recordAudit(tx, {
      action: 'station_problem.status_changed',
      entityType: 'station_problem',
      entityId: id,
      orgPath: row.org_path,
      details: { station_id: row.station_id, from: row.status, to: body.status },
    });
  });
  return getProblem(ctx, id);
}
