import { sql, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { CaseAnswersTable } from '../../db/schema';
import { pathInScope, type Scope } from '../../http/scope';

// The hotline's knowledge base (answers.ts).

const ANSWER_COLUMNS = [
  'case_answers.id',
  'case_answers.org_id',
  'case_answers.kind',
  'case_answers.title',
  'case_answers.body',
  'case_answers.keywords',
  'case_answers.retired',
  'case_answers.version',
  'case_answers.updated_at',
  'orgs.name as org_name',
  'orgs.path as org_path',
] as const;

/** Answers the caller reads: of unions above or at their grants (`above`), or in their scope (`within`). */
function answersSeen(above: readonly string[], within: Scope) {
  const up = above.map((p) => sql`orgs.path @> ${p}::ltree`);
  const parts = [...up, pathInScope(within, 'orgs.path')];
  return sql<SqlBool>`(${sql.join(parts, sql` OR `)})`;
}

export function listAnswers(
  db: Db,
  f: { above: readonly string[]; within: Scope; like?: string; kind?: string; retired: boolean },
  after: [string, number] | undefined,
  limit: number,
) {
  let q = db
    .selectFrom('case_answers')
    .innerJoin('orgs', 'orgs.id', 'case_answers.org_id')
    .select(ANSWER_COLUMNS)
    .where(answersSeen(f.above, f.within))
    .where('case_answers.retired', '=', f.retired);
  if (f.like)
    q = q.where(
      sql<SqlBool>`(case_answers.title || ' ' || case_answers.keywords || ' ' || case_answers.body) ILIKE ${f.like}`,
    );
  if (f.kind)
    q = q.where((eb) => eb.or([eb('case_answers.kind', '=', f.kind as never), eb('case_answers.kind', 'is', null)]));
  if (after) q = q.where(sql<SqlBool>`(case_answers.title, case_answers.id) > (${after[0]}, ${after[1]})`);
  return q
    .orderBy('case_answers.title')
    .orderBy('case_answers.id')
    .limit(limit + 1)
    .execute();
}

/**
 * Answers ranked by how many of `patterns` (ILIKE patterns) they match: once anywhere, once more
 * in the question or keywords; those matching none are left out. Without patterns: the kind's, by title.
 */
export function suggestAnswers(
  db: Db,
  f: { above: readonly string[]; within: Scope; kind?: string; patterns: readonly string[] },
  limit: number,
) {
  const all = sql`(case_answers.title || ' ' || case_answers.keywords || ' ' || case_answers.body)`;
  const named = sql`(case_answers.title || ' ' || case_answers.keywords)`;
  const score = f.patterns.length
    ? sql<number>`(SELECT count(*) FILTER (WHERE ${all} ILIKE p) + count(*) FILTER (WHERE ${named} ILIKE p)
        FROM unnest(${[...f.patterns]}::text[]) AS p)::int`
    : sql<number>`0`;
  let q = db
    .selectFrom('case_answers')
    .innerJoin('orgs', 'orgs.id', 'case_answers.org_id')
    .select([...ANSWER_COLUMNS, score.as('score')])
    .where(answersSeen(f.above, f.within))
    .where('case_answers.retired', '=', false);
  if (f.kind)
    q = q.where((eb) => eb.or([eb('case_answers.kind', '=', f.kind as never), eb('case_answers.kind', 'is', null)]));
  let ranked = db
    .selectFrom(q.as('a'))
    .select([
      'a.id',
      'a.org_id',
      'a.kind',
      'a.title',
      'a.body',
      'a.keywords',
      'a.retired',
      'a.version',
      'a.updated_at',
      'a.org_name',
      'a.org_path',
      'a.score',
    ]);
  if (f.patterns.length) ranked = ranked.where('a.score', '>', 0);
  return ranked.orderBy('a.score', 'desc').orderBy('a.title').orderBy('a.id').limit(limit).execute();
}

export function findAnswer(db: Db, id: number) {
  return db
    .selectFrom('case_answers')
    .innerJoin('orgs', 'orgs.id', 'case_answers.org_id')
    .select(ANSWER_COLUMNS)
    .where('case_answers.id', '=', id)
    .executeTakeFirst();
}

export function insertAnswer(db: Db, values: Insertable<CaseAnswersTable>) {
  return db.insertInto('case_answers').values(values).returning('id').executeTakeFirstOrThrow();
}

export function updateAnswer(db: Db, id: number, version: number, values: Updateable<CaseAnswersTable>) {
  return db
    .updateTable('case_answers')
    .set({ ...values, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}
