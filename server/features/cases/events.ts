import type { Ctx } from '../../http/context';
import * as q from './sql';

export interface NewEvent {
  caseId: number;
  action: string;
  from?: string | null;
  to?: string | null;
  /** The union the actor acted for. */
  orgId?: number | null;
  reason?: string | null;
  internal?: boolean;
  details?: Record<string, unknown>;
  at?: Date;
  /** Who, when the context does not say: the H5's requester is not signed in. */
  actorKind?: 'account' | 'requester' | 'system';
}

/**
 * Appends one row to the case's timeline (its audit trail) in the step's transaction: who (the
 * context's account, the requester, or the system), when, what, from which status to which, why.
 * Returns the event's id (what a notice or a page is keyed to).
 */
export async function appendEvent(tx: Ctx, e: NewEvent): Promise<number> {
  const actor = tx.actor;
  const actorKind =
    e.actorKind ?? (actor?.kind === 'account' ? 'account' : actor?.kind === 'system' ? 'system' : 'requester');
  const row = await q.insertEvent(tx.db, {
    case_id: e.caseId,
    at: e.at ?? new Date(),
    action: e.action,
    from_status: e.from ?? null,
    to_status: e.to ?? null,
    actor_kind: actorKind,
    actor_account_id: actorKind === 'account' && actor?.kind === 'account' ? actor.accountId : null,
    actor_org_id: e.orgId ?? null,
    reason: e.reason ?? null,
    internal: e.internal ?? false,
    details: e.details ?? {},
  });
  return Number(row.id);
}
