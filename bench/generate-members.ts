/**
 * Benchmark-scale member registry: N members spread over the generated tree's enterprise and
 * street unions, with names drawn from common surnames and given names (so a prefix or initials
 * search hits as often as in a real county), masked values and blind indexes of the stored shape.
 * Rows go in with one `INSERT … SELECT FROM generate_series` per batch; then VACUUM ANALYZE.
 *
 * The stored ciphertext is one real ciphertext shared by every row (nothing here decrypts), and
 * the blind indexes are distinct digests, except for the one member the bench looks up by its ID
 * number, whose index is the real one.
 */
import { sql } from 'kysely';
import type { Db } from '../server/db/database';
import type { Cipher } from '../server/lib/crypto';
import { COMMON_GIVEN_NAMES, COMMON_SURNAMES, pinyinKeys } from '../common/names';
import { OCCUPATION_CODES, NEW_FORM_OCCUPATIONS } from '../common/members';
import { testIdNumber } from '../common/id-number';
import { idNumberIndex } from '../server/features/members/personal';

export interface GeneratedMembers {
  members: number;
  ms: number;
  /** A member of `inOrgId`, and one of `otherOrgId`. */
  inScopeId: number;
  outOfScopeId: number;
  maxId: number;
  /** The in-scope member's ID number (its blind index is real, so an exact lookup finds it). */
  lookupIdNumber: string;
  /** The in-scope member's name initials (a search a cadre would type). */
  initials: string;
}

/**
 * Generates `count` members into an empty registry, dealt round the orgs in turn, `inOrgId` and
 * `otherOrgId` (orgs of the county the bench cadre works in and of another one) first: both have
 * members however few are generated (BENCH_MEMBERS=2000 over 20k orgs found none before).
 */
export async function generateMembers(
  db: Db,
  cipher: Cipher,
  options: { count: number; orgIds: readonly number[]; inOrgId: number; otherOrgId: number; batch?: number },
): Promise<GeneratedMembers> {
  const started = performance.now();
  const names = COMMON_SURNAMES.flatMap((s) => COMMON_GIVEN_NAMES.map((g) => s + g));
  const keys = names.map((n) => pinyinKeys(n));
  const enc = cipher.encrypt('990101198001010000');
  const phoneEnc = cipher.encrypt('13700000000');
  const occupations = [...OCCUPATION_CODES];
  const newForm = occupations.map((o) => NEW_FORM_OCCUPATIONS.includes(o));
  const batch = options.batch ?? 100_000;
  const ends = [options.inOrgId, options.otherOrgId];
  const orgIds = [...ends, ...options.orgIds.filter((id) => !ends.includes(id))];
  for (let from = 1; from <= options.count; from += batch) {
    const to = Math.min(options.count, from + batch - 1);
    await sql`
      INSERT INTO members (member_no, org_id, status, channel, name, name_pinyin, name_initials,
        id_hash, id_enc, id_masked, gender, birth_year, id_region_code,
        phone_hash, phone_enc, phone_masked, occupation, platform, is_new_form, joined_on)
      SELECT lpad(g::text, 12, '0'),
             (${orgIds}::int[])[1 + (g - 1) % ${orgIds.length}],
             'active', 'import',
             (${names}::text[])[1 + (g::bigint * 7919) % ${names.length}],
             (${keys.map((k) => k.name_pinyin)}::text[])[1 + (g::bigint * 7919) % ${names.length}],
             (${keys.map((k) => k.name_initials)}::text[])[1 + (g::bigint * 7919) % ${names.length}],
             decode(md5('id' || g), 'hex'), ${enc}, '99' || repeat('*', 12) || lpad((g % 10000)::text, 4, '0'),
             CASE WHEN g % 2 = 0 THEN 'M' ELSE 'F' END, 1960 + g % 45, '990101',
             decode(md5('ph' || g), 'hex'), ${phoneEnc}, '137****' || lpad((g % 10000)::text, 4, '0'),
             (${occupations}::text[])[1 + g % ${occupations.length}],
             CASE WHEN g % 3 = 0 THEN '美团' WHEN g % 3 = 1 THEN '饿了么' ELSE NULL END,
             (${newForm}::boolean[])[1 + g % ${occupations.length}],
             date '2012-01-01' + (g % 5000)
        FROM generate_series(${from}::int, ${to}::int) AS g`.execute(db);
  }
  await sql`SELECT setval('member_no_seq', ${options.count + 1})`.execute(db);
  const pick = (orgId: number) =>
    db
      .selectFrom('members')
      .select(['id', 'name_initials'])
      .where('org_id', '=', orgId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
  const inScope = await pick(options.inOrgId);
  const outOfScope = await pick(options.otherOrgId);
  const lookupIdNumber = testIdNumber('1980-01-01', 1);
  await db
    .updateTable('members')
    .set({ id_hash: idNumberIndex(cipher, lookupIdNumber)! })
    .where('id', '=', inScope.id)
    .execute();
  const max = await db
    .selectFrom('members')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirstOrThrow();
  await sql`VACUUM ANALYZE members`.execute(db);
  return {
    members: options.count,
    ms: performance.now() - started,
    inScopeId: Number(inScope.id),
    outOfScopeId: Number(outOfScope.id),
    maxId: Number(max.id),
    lookupIdNumber,
    initials: inScope.name_initials,
  };
}
