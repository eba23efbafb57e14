import { AppError } from '../../../common/errors';
import { requireAccount, type Ctx } from '../../http/context';
import { scopeFor } from '../../http/scope';
import { AUDIT_ACTIONS } from '../../../common/audit-actions';
import { listFiles } from '../files/attach';
import { CERTIFICATE_FILES, PHOTO_FILES } from './files';
import { listMemberTransfers } from '../transfers/history';
import { presentListItem } from './list';
import * as q from './read-sql';

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

/** The member's edit history (一人一档的变更记录) from the audit trail; personal values were never recorded. */
export async function getMemberHistory(ctx: Ctx, id: number) {
  const row = await q.findMemberInScope(ctx.db, scopeFor(requireAccount(ctx), 'members.read'), id);
  if (!row) throw new AppError('not_found');
  const rows = await q.findMemberHistory(ctx.db, id, 100);
  return {
    items: rows.map((r) => {
      const details = (typeof r.details === 'string' ? JSON.parse(r.details) : (r.details ?? {})) as Record<
        string,
        unknown
      >;
      const changes = details.changes;
      return {
        at: new Date(r.at).toISOString(),
        actor: r.actor_label,
        action: r.action,
        action_label: AUDIT_ACTIONS[r.action as keyof typeof AUDIT_ACTIONS]?.zh ?? r.action,
        reason: r.reason,
        changes: typeof changes === 'object' && changes !== null ? (changes as Record<string, unknown>) : {},
      };
    }),
  };
}
