import type { OrgFields, OrgType } from '../../../common/org-types';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import type { Scope } from '../../http/scope';
import { pathInScope } from '../../http/scope';
import { latinSearchKey, likeEscape, pinyinKeys } from '../../../common/names';

const LIST_COLUMNS = [
  'orgs.id',
  'orgs.parent_id',
  'orgs.path',
  'orgs.name',
  'orgs.short_name',
  'orgs.type',
  'orgs.region_code',
  'orgs.level',
  'orgs.status',
  'orgs.name_pinyin',
] as const;

/** Every column of an org: the detail read and the checks before a write. */
const ORG_COLUMNS = [
  ...LIST_COLUMNS,
  'orgs.name_initials',
  'orgs.uscc',
  'orgs.address',
  'orgs.lat',
  'orgs.lng',
  'orgs.founded_on',
  'orgs.contact_name',
  'orgs.contact_phone',
  'orgs.created_at',
  'orgs.updated_at',
] as const;

export interface OrgListQuery {
  parentId?: number;
  /** Normalised (normaliseSearch). */
  q?: string;
  type?: OrgType;
  status?: 'active' | 'inactive';
  /** The last row's key: its search rank (0 without a search), pinyin and id. */
  after?: [number, string, number];
  limit: number;
}

/**
 * How well an org matches a search: 0 the name or short name is the search (or its pinyin or
 * initials are), 1 one of them begins with it, 2 it lies anywhere in them.
 */
const searchRank = (q: string, key: string | null) => {
  const prefix = likeEscape(q) + '%';
  const latinExact = key ? sql`OR orgs.name_pinyin = ${key} OR orgs.name_initials = ${key}` : sql``;
  const latinPrefix = key
    ? sql`OR orgs.name_pinyin LIKE ${likeEscape(key) + '%'} OR orgs.name_initials LIKE ${likeEscape(key) + '%'}`
    : sql``;
  return sql<number>`CASE
    WHEN lower(orgs.name) = ${q} OR lower(orgs.short_name) = ${q} ${latinExact} THEN 0
    WHEN orgs.name ILIKE ${prefix} OR orgs.short_name ILIKE ${prefix} ${latinPrefix} THEN 1
    ELSE 2 END`;
};

/**
 * Orgs in scope: children of a parent, a search, or (with neither) the scope's roots. Ordered
 * by pinyin then id, a search by its rank first (exact, then prefix, then anywhere);
 * keyset-paginated on that order.
 */
export const findOrgs = (db: Db, scope: Scope, query: OrgListQuery) => {
  const q = query.q;
  const key = q ? latinSearchKey(q) : null;
  const rank = q ? searchRank(q, key) : sql<number>`0`;
  let qb = db
    .selectFrom('orgs')
    .select(LIST_COLUMNS)
    .select(rank.as('search_rank'))
    .select((eb) =>
      eb
        .selectFrom('orgs as c')
        .whereRef('c.parent_id', '=', 'orgs.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('child_count'),
    )
    .where(pathInScope(scope, 'orgs.path'));
  if (query.parentId !== undefined) qb = qb.where('orgs.parent_id', '=', query.parentId);
  if (q) {
    const anywhere = '%' + likeEscape(q) + '%';
    const conds: Expression<SqlBool>[] = [
      sql<SqlBool>`orgs.name ILIKE ${anywhere}`,
      sql<SqlBool>`orgs.short_name ILIKE ${anywhere}`,
    ];
    if (key) {
      // Anywhere in the name, as the name itself: the trigram GIN indexes serve both
      // (orgs_pinyin_trgm, and orgs_initials_trgm of migration 2026-11-29T1600).
      conds.push(
        sql<SqlBool>`orgs.name_pinyin LIKE ${'%' + key + '%'}`,
        sql<SqlBool>`orgs.name_initials LIKE ${'%' + key + '%'}`,
      );
    }
    qb = qb.where((eb) => eb.or(conds));
  }
  if (query.parentId === undefined && !q) qb = qb.where('orgs.path', 'in', scope.paths.length ? scope.paths : ['']);
  if (query.type) qb = qb.where('orgs.type', '=', query.type);
  if (query.status) qb = qb.where('orgs.status', '=', query.status);
  if (query.after) {
    const [afterRank, pinyinKey, id] = query.after;
    qb = q
      ? qb.where(sql<SqlBool>`(${rank}, orgs.name_pinyin, orgs.id) > (${afterRank}::int, ${pinyinKey}, ${id}::int)`)
      : qb.where((eb) =>
          eb.or([
            eb('orgs.name_pinyin', '>', pinyinKey),
            eb.and([eb('orgs.name_pinyin', '=', pinyinKey), eb('orgs.id', '>', id)]),
          ]),
        );
  }
  // Without a search every rank is 0: order as orgs_parent_idx (parent_id, name_pinyin, id) does.
  if (q) qb = qb.orderBy('search_rank');
  return qb
    .orderBy('orgs.name_pinyin')
    .orderBy('orgs.id')
    .limit(query.limit + 1)
    .execute();
};

/** One org if it lies in scope; out of scope and missing look the same. */
export const findOrgInScope = (db: Db, scope: Scope, id: number) =>
  db
    .selectFrom('orgs')
    .select(ORG_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('orgs as c')
        .whereRef('c.parent_id', '=', 'orgs.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('child_count'),
    )
    .where('orgs.id', '=', id)
    .where(pathInScope(scope, 'orgs.path'))
    .executeTakeFirst();

/** One org with its in-scope ancestors (root first) in the same statement: the detail read. */
export const findOrgDetailInScope = (db: Db, scope: Scope, id: number) =>
  db
    .selectFrom('orgs')
    .select(ORG_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('orgs as c')
        .whereRef('c.parent_id', '=', 'orgs.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('child_count'),
    )
    .select(
      sql<Array<{ id: number; name: string }>>`COALESCE((
      SELECT json_agg(json_build_object('id', a.id, 'name', a.name) ORDER BY nlevel(a.path))
      FROM orgs a WHERE a.path @> orgs.path AND a.id <> orgs.id AND ${pathInScope(scope, 'a.path')}), '[]'::json)`.as(
        'ancestors',
      ),
    )
    .where('orgs.id', '=', id)
    .where(pathInScope(scope, 'orgs.path'))
    .executeTakeFirst();

/** Locks one org row for a write. */
export const lockOrg = (db: Db, id: number) =>
  db.selectFrom('orgs').select(ORG_COLUMNS).where('orgs.id', '=', id).forUpdate().executeTakeFirst();

/** Writes an edit of an org's own fields; a new name brings its pinyin keys along. */
export const updateOrgFields = (db: Db, id: number, fields: Partial<OrgFields>) =>
  db
    .updateTable('orgs')
    .set({ ...fields, ...(fields.name ? pinyinKeys(fields.name) : {}), updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();

/** Hangs a moved org under its new parent (its path moved with moveSubtree), with its new region if any. */
export const setOrgParent = (db: Db, id: number, parentId: number, regionCode: string | undefined) =>
  db
    .updateTable('orgs')
    .set({ parent_id: parentId, ...(regionCode === undefined ? {} : { region_code: regionCode }) })
    .where('id', '=', id)
    .execute();

/** Deactivates (撤销) or restores one org. */
export const setOrgStatus = (db: Db, id: number, status: 'active' | 'inactive') =>
  db
    .updateTable('orgs')
    .set({ status, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();

/**
 * Locks every row of a subtree before it moves. A create under a node of the subtree locks
 * that node first: either it commits before this returns (and the move's UPDATE, a later
 * statement, sees the new child) or it waits and then reads the moved path.
 */
export const lockSubtree = (db: Db, path: string) =>
  sql`SELECT id FROM orgs WHERE path <@ ${path}::ltree ORDER BY id FOR UPDATE`.execute(db);

/** The partial unique index on active siblings' names (migration 2026-11-29T1500). */
export const SIBLING_NAME_INDEX = 'orgs_sibling_name_key';

/** Whether a database error is a refusal by the sibling-name index. */
export const isSiblingNameClash = (err: unknown): boolean =>
  typeof err === 'object' &&
  err !== null &&
  (err as { code?: unknown }).code === '23505' &&
  (err as { constraint?: unknown }).constraint === SIBLING_NAME_INDEX;

export const nextOrgId = async (db: Db) =>
  (await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('orgs', 'id'))::int AS id`.execute(db)).rows[0]!.id;

/** Inserts one org row under `parent` (or as the root) with its path and level; the one org insert. */
export const insertOrg = async (
  db: Db,
  parent: { id: number; path: string; level: number } | null,
  fields: OrgFields & { status?: 'active' | 'inactive' },
) => {
  const id = await nextOrgId(db);
  const path = parent ? `${parent.path}.${id}` : String(id);
  const level = (parent?.level ?? 0) + 1;
  await db
    .insertInto('orgs')
    .values({ ...fields, id, parent_id: parent?.id ?? null, path, level, ...pinyinKeys(fields.name) })
    .execute();
  return { id, path, level, name: fields.name };
};

export const hasSiblingNamed = async (db: Db, parentId: number, name: string, exceptId?: number) => {
  let q = db
    .selectFrom('orgs')
    .select('id')
    .where('parent_id', '=', parentId)
    .where('name', '=', name)
    .where('status', '=', 'active');
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
};

/** The distinct types of an org's children (active or not): what a new type must admit. */
export const findChildTypes = async (db: Db, id: number) =>
  (await db.selectFrom('orgs').select('type').distinct().where('parent_id', '=', id).execute()).map((r) => r.type);

/**
 * The distinct regions below an org (not itself) other than `except` that a new region must
 * hold: those reached through territorial unions only (a 南京 subsidiary under a 宿迁 group's
 * union does not tie 宿迁 to 南京).
 */
export const findSubtreeRegions = async (db: Db, path: string, except: string, territorialTypes: readonly string[]) =>
  (
    await sql<{ region_code: string }>`SELECT DISTINCT d.region_code FROM orgs d
    WHERE d.path <@ ${path}::ltree AND d.path <> ${path}::ltree AND d.region_code <> ${except}
      AND NOT EXISTS (SELECT 1 FROM orgs a
        WHERE a.path @> d.path AND a.path <> d.path AND a.path <@ ${path}::ltree AND a.path <> ${path}::ltree
          AND a.type <> ALL(${[...territorialTypes]}::text[]))`.execute(db)
  ).rows.map((r) => r.region_code);

/** Recodes the descendants still on the org's old region; returns their ids (the audit lists them). */
export const setDescendantsRegion = async (db: Db, path: string, from: string, to: string) =>
  (
    await sql<{ id: number }>`UPDATE orgs SET region_code = ${to}, updated_at = now()
      WHERE path <@ ${path}::ltree AND path <> ${path}::ltree AND region_code = ${from} RETURNING id`.execute(db)
  ).rows.map((r) => r.id);

export const countActiveChildren = async (db: Db, id: number) =>
  (
    await db
      .selectFrom('orgs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('parent_id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow()
  ).n;

/** Re-roots a subtree under a new parent path: one statement, paths and levels together. */
export const moveSubtree = (db: Db, oldPath: string, newParentPath: string) =>
  sql`UPDATE orgs SET path = ${newParentPath}::ltree || subpath(path, nlevel(${oldPath}::ltree) - 1),
        level = nlevel(${newParentPath}::ltree) + nlevel(path) - nlevel(${oldPath}::ltree) + 1,
        updated_at = now()
      WHERE path <@ ${oldPath}::ltree`.execute(db);
