import { requireAccount, type Ctx } from '../../http/context';
import { decodeCursor, toPage } from '../../http/pagination';
import { scopeFor, type Scope } from '../../http/scope';
import type { Db } from '../../db/database';
import { findAuditEntries, findOrgNamesInScope } from './sql';

// Details keys that hold an org id, and those that hold an ltree path of org ids.
const ORG_ID_KEYS = ['parent_id', 'from_parent_id', 'to_parent_id', 'org_id'] as const;
const ORG_PATH_KEYS = ['from_path', 'account_org_path'] as const;
const MAX_INT = 2_147_483_647;

/**
 * Who acted, for an actor whose own org lies outside the viewer's scope (a higher or another
 * union's staff): neither their name nor their address, nor an id to look them up by.
 */
const OUT_OF_SCOPE_ACTOR = { actor_label: '管理范围外的工作人员', account_id: null, ip: null };

/** The org ids an entry's details refer to (parents of a move, the org of a grant…). */
function orgIdsIn(details: unknown): number[] {
  if (typeof details !== 'object' || details === null) return [];
  const d = details as Record<string, unknown>;
  const ids: unknown[] = ORG_ID_KEYS.map((k) => d[k]);
  for (const k of ORG_PATH_KEYS) if (typeof d[k] === 'string') ids.push(...d[k].split('.').map(Number));
  return ids.filter((id): id is number => Number.isInteger(id) && (id as number) > 0 && (id as number) <= MAX_INT);
}

/** Names of the orgs each entry's details refer to, keyed by id; only orgs in the scope are named. */
async function nameReferencedOrgs(
  db: Db,
  scope: Scope,
  entries: readonly { details: unknown }[],
): Promise<Array<Record<string, string> | undefined>> {
  const perEntry = entries.map((e) => orgIdsIn(e.details));
  const found = await findOrgNamesInScope(db, scope, [...new Set(perEntry.flat())]);
  const names = new Map(found.map((o) => [o.id, o.name]));
  return perEntry.map((ids) => {
    const known = ids.filter((id) => names.has(id));
    return known.length ? Object.fromEntries(known.map((id) => [String(id), names.get(id)!])) : undefined;
  });
}

/**
 * The audit trail of the actor's subtrees (needs audit.read), filterable, newest first. Each
 * entry carries the names of the records it mentions, as far as they lie in the same scope.
 */
export async function listAudit(
  ctx: Ctx,
  query: {
    action?: string;
    entity_type?: string;
    entity_id?: string;
    account_id?: number;
    from?: string;
    to?: string;
    cursor?: string;
    limit?: number;
  },
) {
  const actor = requireAccount(ctx);
  const limit = query.limit ?? 50;
  const scope = scopeFor(actor, 'audit.read');
  // Names come under the scopes of the reads that would show them, not under audit.read.
  const names = { orgs: scopeFor(actor, 'orgs.read'), accounts: scopeFor(actor, 'accounts.manage') };
  const rows = await findAuditEntries(ctx.db, scope, names, {
    action: query.action,
    entityType: query.entity_type,
    entityId: query.entity_id,
    accountId: query.account_id,
    from: query.from,
    to: query.to,
    after: decodeCursor<[number]>(query.cursor, 1),
    limit,
  });
  const page = toPage(rows, limit, (r) => [r.id]);
  const orgNames = await nameReferencedOrgs(ctx.db, names.orgs, page.items);
  return {
    items: page.items.map(({ actor_in_scope, ...r }, i) => ({
      ...r,
      ...(actor_in_scope ? {} : OUT_OF_SCOPE_ACTOR),
      at: r.at.toISOString(),
      ...(orgNames[i] ? { org_names: orgNames[i] } : {}),
    })),
    next_cursor: page.next_cursor,
  };
}
