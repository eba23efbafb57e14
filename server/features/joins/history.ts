import type { Ctx } from '../../http/context';
import { findApplicationsOfMember } from './sql';

/**
 * The join applications that made a member (their 变更记录 shows how they joined): each with the
 * union or pool it was filed to and, for a pooled member, where they were placed. The caller has
 * already been allowed to read the member.
 */
export async function listMemberApplications(
  ctx: Pick<Ctx, 'db'>,
  memberId: number,
): Promise<Array<{ id: number; application_no: string; org_name: string; placed_org_name: string | null }>> {
  const rows = await findApplicationsOfMember(ctx.db, memberId);
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}
