import type { AUDIT_ENTITY_TYPES, AuditAction } from '../../../common/audit-actions';
import type { Ctx } from '../../http/context';
import { insertAuditRow } from './sql';

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

/**
 * Appends one audit record through `ctx.db`: give it the context of the write's transaction
 * (withTransaction), so both land or neither does. Personal fields in the details are recorded
 * only as changed (PERSONAL_FIELDS).
 */
export async function recordAudit(ctx: Pick<Ctx, 'db' | 'actor' | 'ip'>, entry: AuditEntry): Promise<void> {
  await insertAuditRow(ctx.db, {
    account_id: ctx.actor?.kind === 'account' ? ctx.actor.accountId : null,
    actor_label: entry.actorLabel ?? actorLabel(ctx),
    ip: ctx.ip,
    action: entry.action,
    entity_type: entry.entityType ?? null,
    entity_id: entry.entityId === undefined ? null : String(entry.entityId),
    org_path: entry.orgPath !== undefined ? entry.orgPath : ctx.actor?.kind === 'account' ? ctx.actor.orgPath : null,
    reason: entry.reason ?? null,
    details: entry.details ? JSON.stringify(withoutPersonalData(entry.details)) : null,
  });
}
