import { AppError } from '../../../common/errors';
import { requireAccount, type Ctx } from '../../http/context';
import { scopeFor } from '../../http/scope';
import { AUDIT_ACTIONS } from '../../../common/audit-actions';
import { listFiles } from '../files/attach';
import { CERTIFICATE_FILES, PHOTO_FILES } from './files';
import { listMemberApplications } from '../joins/history';
import { listMemberTransfers } from '../transfers/history';
import { presentListItem } from './list';
import * as q from './sql';

/** The member profile (一人一档), masked; `not_found` for a member outside members.read scope, as for a missing one. */
export async function getMember(ctx: Ctx, id: number) {
  // One round trip for the common case (no honours, no photo, no transfer): the member read is on the
  // hot path of every profile and card check (docs/benchmarks.md).
  const row = await q.findProfileInScope(ctx.db, scopeFor(requireAccount(ctx), 'members.read'), id);
  if (!row) throw new AppError('not_found');
  const [honours, photo, transfers] = await Promise.all([
    Promise.all(
      row.honours.map(async (h) => ({
        ...h,
        id: Number(h.id),
        certificates: await listFiles(ctx, CERTIFICATE_FILES, Number(h.id)),
      })),
    ),
    row.photo_file_id ? listFiles(ctx, PHOTO_FILES, id).then((files) => files[0] ?? null) : null,
    row.has_transfers ? listMemberTransfers(ctx, id) : [],
  ]);
  return {
    ...presentListItem(row),
    employer: row.employer,
    work_region_code: row.work_region_code,
    residence_region_code: row.residence_region_code,
    id_region_code: row.id_region_code,
    channel: row.channel,
    hardship_level: row.hardship_level,
    honours,
    lapsed_on: row.lapsed_on,
    photo,
    transfers,
    version: row.version,
    created_at: new Date(row.created_at).toISOString(),
  };
}

/** The signed-in worker's own member record(s), found by the phone they signed in with; `not_found` when none. */
export async function getMyMembership(ctx: Ctx) {
  if (ctx.actor?.kind !== 'worker') throw new AppError('unauthenticated');
  const rows = await q.findMembersOfPhone(ctx.db, ctx.actor.phoneHash);
  if (rows.length === 0) throw new AppError('not_found');
  return { items: rows.map(presentListItem) };
}

type TransferOf = Awaited<ReturnType<typeof listMemberTransfers>>[number];
type ApplicationOf = Awaited<ReturnType<typeof listMemberApplications>>[number];

/** The line a transfer's or a join's entry says in the history (the member's own entries list their changes instead). */
function summarise(
  action: string,
  details: Record<string, unknown>,
  transfer: TransferOf | undefined,
  application: ApplicationOf | undefined,
): string | null {
  if (transfer) {
    const from = `「${transfer.from_org_name}」`;
    const to = `「${transfer.to_org_name}」`;
    if (action === 'transfer.requested')
      return `申请从${from}转往${to}（${transfer.requested_by === 'member' ? '会员本人申请' : '工会办理'}）`;
    if (action === 'transfer.accepted') return `${to}已接收，会籍由${from}转入`;
    if (action === 'transfer.auto_accepted') return `${to}逾期未答复，会籍自动由${from}转入`;
    if (action === 'transfer.refused') return `${to}未接收，会籍仍在${from}`;
    if (action === 'transfer.cancelled') return `撤回转往${to}的申请，会籍仍在${from}`;
  }
  if (application) {
    const org = `「${application.org_name}」`;
    const no = application.application_no;
    if (action === 'join.submitted') {
      const how = { pending: '待审核', approved: '自动通过', pooled: '进入县级周转库' }[String(details.status)];
      return `码上入会申请 ${no}：${org}${how ? `（${how}）` : ''}`;
    }
    if (action === 'join.approved') return `${org}审核通过入会申请 ${no}`;
    if (action === 'join.placed') {
      const placed = application.placed_org_name ?? (details.placed_org_name as string | undefined);
      return `由${org}安置到「${placed ?? '—'}」`;
    }
  }
  return null;
}

/**
 * The member's history (一人一档的变更记录) from the audit trail: their own entries (personal values
 * were never recorded), and those of their transfers and of the join applications that made them,
 * which are recorded against those records; newest first.
 */
export async function getMemberHistory(ctx: Ctx, id: number) {
  const row = await q.findMemberInScope(ctx.db, scopeFor(requireAccount(ctx), 'members.read'), id);
  if (!row) throw new AppError('not_found');
  const [transfers, applications] = await Promise.all([listMemberTransfers(ctx, id), listMemberApplications(ctx, id)]);
  const rows = await q.findMemberHistory(
    ctx.db,
    id,
    { transfers: transfers.map((t) => t.id), applications: applications.map((a) => a.id) },
    100,
  );
  const transferById = new Map(transfers.map((t) => [String(t.id), t]));
  const applicationById = new Map(applications.map((a) => [String(a.id), a]));
  return {
    items: rows.map((r) => {
      const details = (typeof r.details === 'string' ? JSON.parse(r.details) : (r.details ?? {})) as Record<
        string,
        unknown
      >;
      const changes = details.changes;
      const entity = r.entity_id ?? '';
      return {
        at: new Date(r.at).toISOString(),
        actor: r.actor_label,
        action: r.action,
        action_label: AUDIT_ACTIONS[r.action as keyof typeof AUDIT_ACTIONS]?.zh ?? r.action,
        summary: summarise(
          r.action,
          details,
          r.entity_type === 'transfer' ? transferById.get(entity) : undefined,
          r.entity_type === 'join_application' ? applicationById.get(entity) : undefined,
        ),
        reason: r.reason,
        changes: typeof changes === 'object' && changes !== null ? (changes as Record<string, unknown>) : {},
      };
    }),
  };
}
