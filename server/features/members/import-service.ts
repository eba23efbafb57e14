import { sql, type SqlBool } from 'kysely';
import { pinyinKeys } from '../../../common/names';
import { NEW_FORM_OCCUPATIONS, type Occupation } from '../../../common/members';
import type { Db } from '../../db/database';
import type { Ctx } from '../../http/context';
import { formatMemberNo } from './member-no';
import { sealIdNumber, sealPhone } from './personal';
import { findRootRegion } from './sql';

/** One valid roster row, normalised (the ID number's 18-digit form, the phone's 11 digits). */
export interface RosterRow {
  orgId: number;
  name: string;
  idNumber: string;
  phone: string | null;
  occupation: Occupation;
  platform: string | null;
  employer: string | null;
  joinedOn: string;
}

/** The chosen org's subtree (active unions) by id, name and short name, for the roster's 所在工会 column. */
export async function findSubtreeOrgs(db: Db, orgId: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('orgs as o')
    .innerJoin('orgs as root', (j) => j.on(sql<SqlBool>`o.path <@ root.path`))
    .where('root.id', '=', orgId)
    .where('o.status', '=', 'active')
    .select(['o.id', 'o.name', 'o.short_name'])
    .execute();
  const byKey = new Map<string, number>();
  for (const r of rows) {
    byKey.set(String(r.id), r.id);
    byKey.set(r.name, r.id);
    if (r.short_name) byKey.set(r.short_name, r.id);
  }
  return byKey;
}

/** Which of these (normalised) ID numbers are already in the registry, whatever their status. */
export async function findExistingIdHashes(tx: Ctx, idNumbers: readonly string[]): Promise<Set<string>> {
  if (idNumbers.length === 0) return new Set();
  const byHash = new Map(idNumbers.map((n) => [tx.cipher.blindIndex(`id|${n}`).toString('hex'), n]));
  const hashes = [...byHash.keys()].map((h) => Buffer.from(h, 'hex'));
  const rows = await tx.db
    .selectFrom('members')
    .select('id_hash')
    .where('id_hash', '=', sql<Buffer>`ANY(${hashes}::bytea[])`)
    .execute();
  return new Set(rows.map((r) => byHash.get(Buffer.from(r.id_hash).toString('hex'))!));
}

/**
 * Registers a batch of roster rows in one multi-row INSERT inside the caller's transaction:
 * personal data sealed, member numbers from member_no_seq, `ON CONFLICT (id_hash) DO NOTHING` so a
 * person registered meanwhile (a join racing the import) is skipped, never doubled. Returns how many were written.
 */
/** Names repeat in a roster: their pinyin is worked out once per name (bounded, per process). */
const pinyinCache = new Map<string, ReturnType<typeof pinyinKeys>>();
function cachedPinyin(name: string): ReturnType<typeof pinyinKeys> {
  let keys = pinyinCache.get(name);
  if (!keys) {
    if (pinyinCache.size >= 50_000) pinyinCache.clear();
    keys = pinyinKeys(name);
    pinyinCache.set(name, keys);
  }
  return keys;
}

export async function insertRosterBatch(tx: Ctx, rows: readonly RosterRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const rootRegion = (await findRootRegion(tx.db)) ?? '000000';
  const { rows: seqs } = await sql<{ n: number }>`
    SELECT nextval('member_no_seq')::int AS n FROM generate_series(1, ${rows.length})`.execute(tx.db);
  const values = rows.map((r, i) => {
    const id = sealIdNumber(tx.cipher, r.idNumber);
    const phone = r.phone ? sealPhone(tx.cipher, r.phone) : null;
    return {
      member_no: formatMemberNo(rootRegion, seqs[i]!.n),
      org_id: r.orgId,
      name: r.name,
      ...cachedPinyin(r.name),
      id_hash: id.id_hash,
      id_enc: id.id_enc,
      id_masked: id.id_masked,
      gender: id.gender,
      birth_year: id.birth_year,
      id_region_code: id.id_region_code,
      phone_hash: phone?.phone_hash ?? null,
      phone_enc: phone?.phone_enc ?? null,
      phone_masked: phone?.phone_masked ?? null,
      occupation: r.occupation,
      platform: r.platform,
      employer: r.employer,
      is_new_form: NEW_FORM_OCCUPATIONS.includes(r.occupation),
      joined_on: r.joinedOn,
    };
  });
  // One statement with an array per column (20 parameters, not 20 per row): far less for the
  // driver to serialise and the server to parse than a 1,000-row VALUES list.
  const col = <K extends keyof (typeof values)[number]>(key: K) => values.map((v) => v[key]);
  const { rows: written } = await sql<{ id: number }>`
    INSERT INTO members (member_no, org_id, channel, name, name_pinyin, name_initials, id_hash, id_enc,
      id_masked, gender, birth_year, id_region_code, phone_hash, phone_enc, phone_masked, occupation,
      platform, employer, is_new_form, joined_on)
    SELECT t.member_no, t.org_id, 'import', t.name, t.name_pinyin, t.name_initials, t.id_hash, t.id_enc,
      t.id_masked, t.gender, t.birth_year, t.id_region_code, t.phone_hash, t.phone_enc, t.phone_masked,
      t.occupation, t.platform, t.employer, t.is_new_form, t.joined_on
    FROM unnest(${col('member_no')}::text[], ${col('org_id')}::int[], ${col('name')}::text[],
      ${col('name_pinyin')}::text[], ${col('name_initials')}::text[], ${col('id_hash')}::bytea[],
      ${col('id_enc')}::text[], ${col('id_masked')}::text[], ${col('gender')}::text[],
      ${col('birth_year')}::int[], ${col('id_region_code')}::text[], ${col('phone_hash')}::bytea[],
      ${col('phone_enc')}::text[], ${col('phone_masked')}::text[], ${col('occupation')}::text[],
      ${col('platform')}::text[], ${col('employer')}::text[], ${col('is_new_form')}::boolean[],
      ${col('joined_on')}::date[])
      AS t(member_no, org_id, name, name_pinyin, name_initials, id_hash, id_enc, id_masked, gender,
        birth_year, id_region_code, phone_hash, phone_enc, phone_masked, occupation, platform, employer,
        is_new_form, joined_on)
    ON CONFLICT (id_hash) DO NOTHING
    RETURNING id`.execute(tx.db);
  return written.length;
}
