/** Test code: transfers straight into a test app's database (product code never imports this). */
import { formatOrgCode } from '../../../common/org-code';
import { systemContext, withTransaction } from '../../http/context';
import type { TestApp } from '../../testing/test-app';
import { buildMember } from '../members/members.factories';
import { openTransfer } from './service';
import { findMemberForUpdate } from './sql';

/**
 * Opens a transfer as the system: of `memberId`, or of a new member of `fromOrgId`, to `toOrgId`,
 * received at `now` (default: now). Returns the transfer's and the member's ids.
 */
export async function buildTransfer(
  t: Pick<TestApp, 'deps'>,
  opts: { toOrgId: number; memberId?: number; fromOrgId?: number; now?: Date; by?: 'member' | 'org' },
): Promise<{ id: number; memberId: number }> {
  const memberId = opts.memberId ?? (await buildMember(t, opts.fromOrgId!)).id;
  const id = await withTransaction(systemContext(t.deps), async (tx) =>
    openTransfer(tx, {
      member: (await findMemberForUpdate(tx.db, memberId))!,
      toOrgCode: formatOrgCode(opts.toOrgId),
      requestedBy: opts.by ?? 'org',
      reason: '测试接转',
      now: opts.now,
    }),
  );
  return { id, memberId };
}
