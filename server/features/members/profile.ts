import { AppError } from '../../../common/errors';
import { requireAccount, type Ctx } from '../../http/context';
import { scopeFor } from '../../http/scope';
import { presentListItem } from './list';
import * as q from './read-sql';

/** The member profile (一人一档), masked; `not_found` for a member outside members.read scope, as for a missing one. */
export async function getMember(ctx: Ctx, id: number) {
  const row = await q.findMemberInScope(ctx.db, scopeFor(requireAccount(ctx), 'members.read'), id);
  if (!row) throw new AppError('not_found');
  const honours = await q.findHonours(ctx.db, id);
  return {
    ...presentListItem(row),
    employer: row.employer,
    work_region_code: row.work_region_code,
    residence_region_code: row.residence_region_code,
    id_region_code: row.id_region_code,
    channel: row.channel,
    hardship_level: row.hardship_level,
    honours,
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
