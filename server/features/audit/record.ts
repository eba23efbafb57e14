import type { AUDIT_ENTITY_TYPES, AuditAction } from '../../../common/audit-actions';
import type { Insertable } from 'kysely';
import type { AuditLogTable } from '../../db/schema';
import type { Ctx, TransactionEnd } from '../../http/context';
import { insertAuditRows } from './sql';

export interface AuditEntry {
  action: AuditAction;
  entityType?: keyof typeof AUDIT_ENTITY_TYPES;
  entityId?: string | number;
  /** Where the record sits in the union tree; the audit view is scoped by it. */
  orgPath?: string | null;
  reason?: string;
  details?: Record<string, unknown>;
  /** Who, when no one is signed in (e.g. the username of a failed sign-in). */
  actorLabel?: string;
}

/**
 * Fields that name or locate a person (DESIGN.md §4.2). The audit log can never be deleted, so it
 * records only that they changed, as `{ changed: true }`, never their values: a person's name, an
 * address and its coordinates, contact details. recordAudit applies this to every entry's details,
 * at the top level and under `changes`.
 */
export const PERSONAL_FIELDS: ReadonlySet<string> = new Set([
  'display_name',
  'address',
  'lat',
  'lng',
  'contact_name',
  'contact_phone',
]);

const CHANGED = { changed: true } as const;

function redact(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, PERSONAL_FIELDS.has(k) ? CHANGED : v]));
}

/** An entry's details with personal fields reduced to `{ changed: true }`. */
export function withoutPersonalData(details: Record<string, unknown>): Record<string, unknown> {
  const out = redact(details);
  const changes = details.changes;
  if (typeof changes === 'object' && changes !== null && !Array.isArray(changes))
    out.changes = redact(changes as Record<string, unknown>);
  return out;
}

export function actorLabel(ctx: Pick<Ctx, 'actor'>): string {
  const a = ctx.actor;
  if (a?.kind === 'account') return `${a.displayName}(${a.username})`;
  if (a?.kind === 'worker') return `职工 ${a.phoneMasked}`;
  if (a?.kind === 'system') return '系统';
  return '匿名';
}

/** The rows each open transaction has yet to write (its audit step, added once, writes them at the commit). */
const pending = new WeakMap<TransactionEnd, Array<Insertable<AuditLogTable>>>();

/**
 * Appends one audit record through `ctx.db`: give it the context of the write's transaction
 * (withTransaction), so both land or neither does. Personal fields in the details are recorded
 * only as changed (PERSONAL_FIELDS).
 *
 * In withTransaction's context the row is written last, just before the commit (`ctx.atCommit`),
 * with any others of the transaction in one insert, in the order they were recorded: the insert
 * locks the hash chain's head until the commit (docs/decisions/0009: every audited write waits
 * there for the one before to commit), and there it holds it for the commit alone rather than for
 * the rest of the transaction's work too. The row is the same (its `at` is the transaction's start
 * either way); the transaction's own queries see it only after its work.
 */
export async function recordAudit(
  ctx: Pick<Ctx, 'db' | 'actor' | 'ip' | 'atCommit'>,
  entry: AuditEntry,
): Promise<void> {
  const row = {
    account_id: ctx.actor?.kind === 'account' ? ctx.actor.accountId : null,
    actor_label: entry.actorLabel ?? actorLabel(ctx),
    ip: ctx.ip,
    action: entry.action,
    entity_type: entry.entityType ?? null,
    entity_id: entry.entityId === undefined ? null : String(entry.entityId),
    org_path: entry.orgPath !== undefined ? entry.orgPath : ctx.actor?.kind === 'account' ? ctx.actor.orgPath : null,
    reason: entry.reason ?? null,
    details: entry.details ? JSON.stringify(withoutPersonalData(entry.details)) : null,
  };
  const end = ctx.atCommit;
  if (!end || end.closed || !ctx.db.isTransaction) return insertAuditRows(ctx.db, [row]);
  let rows = pending.get(end);
  if (!rows) {
    const queued: Array<Insertable<AuditLogTable>> = [];
    pending.set(end, queued);
    const db = ctx.db;
    end.steps.push(() => insertAuditRows(db, queued));
    rows = queued;
  }
  rows.push(row);
}
