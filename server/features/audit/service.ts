import { requireAccount, type Ctx } from '../../http/context';
import { decodeCursor, toPage } from '../../http/pagination';
import { scopeFor } from '../../http/scope';
import { findAuditEntries } from './sql';

/** The audit trail of the actor's subtrees (needs audit.read), filterable, newest first. */
export async function listAudit(ctx: Ctx, query: { action?: string; entity_type?: string; entity_id?: string; account_id?: number; from?: string; to?: string; cursor?: string; limit?: number }) {
  const actor = requireAccount(ctx);
  const limit = query.limit ?? 50;
  const rows = await findAuditEntries(ctx.db, scopeFor(actor, 'audit.read'), {
    action: query.action, entityType: query.entity_type, entityId: query.entity_id, accountId: query.account_id,
    from: query.from, to: query.to, after: decodeCursor<[number]>(query.cursor, 1), limit,
  });
  const page = toPage(rows, limit, (r) => [r.id]);
  return { items: page.items.map((r) => ({ ...r, at: r.at.toISOString() })), next_cursor: page.next_cursor };
}
