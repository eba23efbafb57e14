import type { Static } from '@sinclair/typebox';
import type { UnmaskBody } from '../../../common/api/members';
import { AppError } from '../../../common/errors';
import { requireAccount, withTransaction, type Ctx } from '../../http/context';
import { scopeFor } from '../../http/scope';
import { recordAudit } from '../audit/record';
import { canUnmaskAt } from './policy';
import * as q from './sql';

/** Full numbers are shown at most this often per account and hour (the route's rate limit). */
export const UNMASK_PER_HOUR = 30;

/**
 * Shows a member's full ID number and/or phone once, for a typed reason (DESIGN.md §4.2). A member
 * outside members.read scope is `not_found`; one the caller sees without members.unmask there is
 * `forbidden`. The audit row names the reason and the fields, never the values.
 */
export async function unmaskMember(ctx: Ctx, id: number, body: Static<typeof UnmaskBody>) {
  const actor = requireAccount(ctx);
  const reason = body.reason.trim();
  if ([...reason].length < 4) throw new AppError('validation_failed', { reason: '请填写查看理由（至少 4 个字）' });
  return withTransaction(ctx, async (tx) => {
    const row = await q.findMemberInScope(tx.db, scopeFor(actor, 'members.read'), id);
    if (!row) throw new AppError('not_found');
    if (!canUnmaskAt(actor, row.org_path)) throw new AppError('forbidden', undefined, '没有查看完整号码的权限');
    const fields = [...new Set(body.fields)].sort();
    const result = {
      id_number: fields.includes('id_number') ? tx.cipher.decrypt(row.id_enc) : null,
      phone: fields.includes('phone') && row.phone_enc ? tx.cipher.decrypt(row.phone_enc) : null,
    };
    await recordAudit(tx, {
      action: 'members.unmask',
      entityType: 'member',
      entityId: Number(row.id),
      orgPath: row.org_path,
      reason,
      details: { member_no: row.member_no, fields },
    });
    return result;
  });
}
