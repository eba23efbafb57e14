import { requireAccount, type Ctx } from '../../http/context';
import { decodeCursor, toPage } from '../../http/pagination';
import { scopeFor, type Scope } from '../../http/scope';
import type { Db } from '../../db/database';
import { findAuditEntries, findOrgNamesInScope } from './sql';

// Details keys that hold an org id, a list of them, or an ltree path of org ids (at any depth:
// a move's `changes.descendants_region.org_ids` too).
const ORG_ID_KEYS: ReadonlySet<string> = new Set(['parent_id', 'from_parent_id', 'to_parent_id', 'org_id']);
const ORG_ID_LIST_KEYS: ReadonlySet<string> = new Set(['org_ids']);
const ORG_PATH_KEYS: ReadonlySet<string> = new Set(['from_path', 'account_org_path']);
const MAX_INT = 2_147_483_647;
/** What an org id outside the viewer's scope reads as, in details and paths alike. */
const HIDDEN = '…';

const isOrgId = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0 && (v as number) <= MAX_INT;

/** A copy of `details` with every org id passed through `id`, and every path's ids through `path`. */
function mapOrgRefs(details: unknown, id: (v: number) => unknown, path: (ids: string[]) => string): unknown {
  if (Array.isArray(details)) return details.map((v) => mapOrgRefs(v, id, path));
  if (typeof details !== 'object' || details === null) return details;
  return Object.fromEntries(
    Object.entries(details).map(([k, v]) => {
      if (ORG_ID_KEYS.has(k) && isOrgId(v)) return [k, id(v)];
      if (ORG_ID_LIST_KEYS.has(k) && Array.isArray(v)) return [k, v.map((x) => (isOrgId(x) ? id(x) : x))];
      if (ORG_PATH_KEYS.has(k) && typeof v === 'string') return [k, path(v.split('.'))];
      return [k, mapOrgRefs(v, id, path)];
    }),
  );
}

/** The org ids an entry's details refer to (parents of a move, the org of a grant, recoded descendants…). */
function orgIdsIn(details: unknown): number[] {
  const ids: number[] = [];
  mapOrgRefs(
    details,
    (v) => ids.push(v),
    (segments) => {
      ids.push(...segments.map(Number).filter(isOrgId));
      return '';
    },
  );
  return ids;
}

/**
 * Details as the viewer may read them: an org id outside the viewer's scope (above or beside it,
 * such as the province an org was moved in from) reads as "…", and in a path each run of such
 * ids is one "…". `visible` holds the ids that lie in the scope.
 */
function hideOutOfScope(details: unknown, visible: ReadonlySet<number>): unknown {
  return mapOrgRefs(
    details,
    (v) => (visible.has(v) ? v : HIDDEN),
    (segments) =>
      segments
        .map((seg) => (visible.has(Number(seg)) ? seg : HIDDEN))
        .filter((seg, i, all) => seg !== HIDDEN || all[i - 1] !== HIDDEN)
        .join('.'),
  );
}

/**
 * Who acted, for an actor whose own org lies outside the viewer's scope (a higher or another
 * union's staff): neither their name nor their address, nor an id to look them up by.
 */
const OUT_OF_SCOPE_ACTOR = { actor_label: '管理范围外的工作人员', account_id: null, ip: null };

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
    after: decodeCursor(query.cursor, ['bigint']),
    limit,
  });
  const page = toPage(rows, limit, (r) => [r.id]);
  const mentioned = [...new Set(page.items.flatMap((r) => orgIdsIn(r.details)))];
  const visible = new Set((await findOrgNamesInScope(ctx.db, scope, mentioned)).map((o) => o.id));
  // The org an entry is about stays named by its id, even where it has since left the scope.
  const entries = page.items.map((r) => {
    const own = r.entity_type === 'org' ? Number(r.entity_id) : NaN;
    const seen = isOrgId(own) && !visible.has(own) ? new Set([...visible, own]) : visible;
    return { ...r, details: hideOutOfScope(r.details, seen) };
  });
  const orgNames = await nameReferencedOrgs(ctx.db, names.orgs, entries);
  return {
    items: entries.map(({ actor_in_scope, ...r }, i) => ({
      ...r,
      ...(actor_in_scope ? {} : OUT_OF_SCOPE_ACTOR),
      at: r.at.toISOString(),
      ...(orgNames[i] ? { org_names: orgNames[i] } : {}),
    })),
    next_cursor: page.next_cursor,
  };
}
