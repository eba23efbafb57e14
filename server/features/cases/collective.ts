import type { Static } from '@sinclair/typebox';
import type { CoHandlerBody, CollectiveBody, SimilarCases } from '../../../common/api/cases';
import { AppError } from '../../../common/errors';
import { formatOrgCode, parseOrgCode } from '../../../common/org-code';
import { requireAccount, withTransaction, type Ctx } from '../../http/context';
import { scopeFor } from '../../http/scope';
import { recordAudit } from '../audit/record';
import { rolesOf, seesCase } from './access';
import { appendEvent } from './events';
import { openCase } from './open';
import { presentListItem } from './read';
import { statusLabelsAt } from './settings';
import * as q from './sql';
import * as ql from './list-sql';

/** The window in which reports count as the same matter: a month either side. */
const WINDOW_DAYS = 30;

/**
 * The collective-case offer (DESIGN.md §4.4): open cases the caller may dispatch that share this
 * case's employer (USCC or normalised name), station or place (500 m), received within 30 days.
 */
export async function findSimilar(ctx: Ctx, id: number, now = new Date()): Promise<Static<typeof SimilarCases>> {
  const actor = requireAccount(ctx);
  const kase = await q.findCase(ctx.db, id);
  if (!kase || !seesCase(actor, kase.party_paths)) throw new AppError('not_found');
  const dispatch = scopeFor(actor, 'cases.dispatch');
  if (dispatch.paths.length === 0) return { items: [] };
  const rows = await ql.findSimilarCases(ctx.db, kase, [dispatch], WINDOW_DAYS, 200);
  const labels = await statusLabelsAt(ctx, actor.orgPath);
  return {
    items: rows.map((r) => ({
      ...presentListItem(r, labels, now),
      same_employer: r.same_uscc === true || r.same_employer === true,
      same_station: r.same_station === true,
      same_place: !(r.same_uscc || r.same_employer || r.same_station),
    })),
  };
}

/**
 * Groups reports under a new collective parent (集体诉求): every case still waiting to be dispatched,
 * received by one union, which the caller dispatches for. The parent sums the wages claimed; the
 * children take its steps from then on (steps.ts followParent) and each requester sees them.
 */
export async function makeCollective(ctx: Ctx, body: Static<typeof CollectiveBody>): Promise<number> {
  const actor = requireAccount(ctx);
  const now = new Date();
  return withTransaction(ctx, async (tx) => {
    // Locked in id order (two groupings of overlapping cases cannot deadlock); a case the caller
    // does not see is named by its place in the list, exactly like a missing one.
    const ids = [...body.case_ids].sort((a, b) => a - b);
    const found = new Map<number, q.CaseRow>();
    for (const id of ids) {
      const row = await q.findCase(tx.db, id, { forUpdate: true });
      if (row && seesCase(actor, row.party_paths)) found.set(id, row);
    }
    const missing = body.case_ids.findIndex((id) => !found.has(id));
    if (missing >= 0) throw new AppError('validation_failed', { [`case_ids.${missing}`]: '工单不存在' });
    const rows = ids.map((id) => found.get(id)!);
    for (const row of rows) {
      const roles = rolesOf(actor, { ...row, co_handler_paths: [] });
      if (!roles.has('dispatcher')) throw new AppError('forbidden');
      if (row.category !== 'new' || row.parent_id !== null || row.is_collective)
        throw new AppError('validation_failed', {
          case_ids: `工单 ${row.tracking_no} 已派单或已并入集体诉求，只能合并待派单的工单`,
        });
    }
    if (new Set(rows.map((r) => r.receiving_org_id)).size > 1)
      throw new AppError('validation_failed', { case_ids: '只能合并同一受理工会的工单' });
    const first = rows[0]!;
    const withEmployer = rows.find((r) => r.employer_name !== null);
    const claimed = rows.reduce((sum, r) => sum + (r.wage_claimed_fen ?? 0), 0);
    const about = withEmployer?.employer_name ?? (first.station_id !== null ? '同一驿站' : '同一地点');
    const reason = body.reason?.trim() || null;
    const parent = await openCase(tx, {
      kind: first.kind,
      subject: first.subject,
      description: `集体诉求：${rows.length} 名职工反映「${about}」的${first.subject === 'wage_arrears' ? '欠薪' : '同一'}问题。${reason ?? ''}`,
      channel: 'cadre',
      employer: withEmployer?.employer_name ?? null,
      employerUscc: rows.find((r) => r.employer_uscc !== null)?.employer_uscc ?? null,
      wageClaimedFen: claimed > 0 ? claimed : null,
      stationId: first.station_id,
      emergency: rows.some((r) => r.emergency),
      tier: rows.some((r) => r.tier === 'complex')
        ? 'complex'
        : rows.some((r) => r.tier === 'hard')
          ? 'hard'
          : 'normal',
      receivingOrgId: first.receiving_org_id,
      intakeAccountId: actor.accountId,
      collective: true,
      now,
    });
    const joined = await q.setParent(tx.db, ids, parent.id);
    if (joined.length !== ids.length) throw new AppError('stale_version');
    for (const row of rows)
      await appendEvent(tx, {
        caseId: row.id,
        action: 'merge',
        orgId: row.receiving_org_id,
        reason,
        details: { parent: parent.tracking_no },
        at: now,
      });
    await appendEvent(tx, {
      caseId: parent.id,
      action: 'merge',
      orgId: first.receiving_org_id,
      internal: true,
      reason,
      details: { children: rows.map((r) => r.tracking_no) },
      at: now,
    });
    await recordAudit(tx, {
      action: 'case.step',
      entityType: 'case',
      entityId: parent.id,
      orgPath: first.receiving_path,
      details: { tracking_no: parent.tracking_no, step: 'merge', children: rows.map((r) => r.tracking_no) },
    });
    return parent.id;
  });
}

/**
 * 首接负责 across provinces: the leading union's dispatcher adds a co-handling union anywhere in
 * the tree, named by its join code. That union's cadres see this case only; they note, not decide.
 */
export async function addCoHandler(ctx: Ctx, id: number, body: Static<typeof CoHandlerBody>): Promise<void> {
  const actor = requireAccount(ctx);
  await withTransaction(ctx, async (tx) => {
    const kase = await q.findCase(tx.db, id, { forUpdate: true });
    if (!kase || !seesCase(actor, kase.party_paths)) throw new AppError('not_found');
    const coPaths = (await q.findCoHandlers(tx.db, id)).map((o) => o.path);
    if (!rolesOf(actor, { ...kase, co_handler_paths: coPaths }).has('dispatcher')) throw new AppError('forbidden');
    if (kase.version !== body.version) throw new AppError('stale_version');
    const text = body.org_code.trim();
    const inLink = /[?&]org=([^&#\s]+)/.exec(text);
    const orgId = parseOrgCode(inLink ? decodeURIComponent(inLink[1]!) : text);
    const org = orgId === null ? undefined : await q.findOrg(tx.db, orgId);
    if (!org || org.status !== 'active')
      throw new AppError('validation_failed', { org_code: '工会编码不正确，请核对二维码下方的编码' });
    if (org.id === kase.receiving_org_id || org.id === kase.handling_org_id || coPaths.includes(org.path))
      throw new AppError('validation_failed', { org_code: '该工会已是本工单的承办方' });
    await q.insertCoHandler(tx.db, id, org.id, actor.accountId);
    const updated = await q.updateCase(tx.db, id, body.version, {
      party_paths: [...new Set([...kase.party_paths, org.path])],
    });
    if (!updated) throw new AppError('stale_version');
    await appendEvent(tx, {
      caseId: id,
      action: 'co_handle',
      orgId: kase.receiving_org_id,
      reason: body.reason?.trim() || null,
      internal: true,
      details: { org_id: org.id, org_name: org.name, org_code: formatOrgCode(org.id) },
    });
    await recordAudit(tx, {
      action: 'case.step',
      entityType: 'case',
      entityId: id,
      orgPath: kase.receiving_path,
      details: { tracking_no: kase.tracking_no, step: 'co_handle', org_id: org.id },
    });
  });
}
