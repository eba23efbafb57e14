import type { IdNumber } from '../../../common/id-number';
import { pinyinKeys } from '../../../common/names';
import { NEW_FORM_OCCUPATIONS, type Occupation } from '../../../common/members';
import type { Cipher } from '../../lib/crypto';
import type { Ctx } from '../../http/context';
import { formatMemberNo } from './member-no';
import {
  sealedColumns,
  sealNormalisedPhone,
  sealParsedIdNumber,
  type SealedIdNumber,
  type SealedPhone,
} from './personal';
import * as q from './sql';

/** One valid roster row, normalised and already sealed (the ID number and phone as stored, never in clear). */
export interface RosterRow {
  orgId: number;
  name: string;
  id: SealedIdNumber;
  phone: SealedPhone | null;
  occupation: Occupation;
  platform: string | null;
  employer: string | null;
  joinedOn: string;
}

/** What a roster run looks up once: the chosen org's subtree by id, name and short name, and the cipher. */
export interface RosterPrepared {
  orgs: Map<string, number>;
  cipher: Cipher;
}

export async function prepareRoster(ctx: Ctx, orgId: number): Promise<RosterPrepared> {
  const byKey = new Map<string, number>();
  for (const r of await q.findActiveSubtreeOrgs(ctx.db, orgId)) {
    byKey.set(String(r.id), r.id);
    byKey.set(r.name, r.id);
    if (r.short_name) byKey.set(r.short_name, r.id);
  }
  return { orgs: byKey, cipher: ctx.cipher };
}

/**
 * Seals a parsed ID number and a normalised phone once, while the row is parsed: the blind index is
 * then both the dedupe key and the stored hash (one HMAC per person, not three), and nothing is parsed twice.
 */
export function sealRosterPerson(
  cipher: Cipher,
  id: IdNumber,
  phone: string | null,
): { id: SealedIdNumber; phone: SealedPhone | null } {
  return { id: sealParsedIdNumber(cipher, id), phone: phone ? sealNormalisedPhone(cipher, phone) : null };
}

/** Which of these blind indexes (hex) are already in the registry, whatever the member's status. */
export async function findExistingIdHashes(tx: Ctx, hexHashes: readonly string[]): Promise<Set<string>> {
  if (hexHashes.length === 0) return new Set();
  const found = await q.findIdHashes(
    tx.db,
    hexHashes.map((h) => Buffer.from(h, 'hex')),
  );
  return new Set(found.map((h) => h.toString('hex')));
}

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

/**
 * Registers a batch of sealed roster rows in one statement inside the caller's transaction, member
 * numbers from member_no_seq; a person registered meanwhile (a join racing the import) is skipped,
 * never doubled. Returns how many were written.
 */
export async function insertRosterBatch(tx: Ctx, rows: readonly RosterRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const rootRegion = (await q.findRootRegion(tx.db)) ?? '000000';
  const seqs = await q.nextMemberNumbers(tx.db, rows.length);
  return q.insertRosterMembers(
    tx.db,
    rows.map((r, i) => ({
      member_no: formatMemberNo(rootRegion, seqs[i]!),
      org_id: r.orgId,
      name: r.name,
      ...cachedPinyin(r.name),
      ...sealedColumns(r.id, r.phone),
      occupation: r.occupation,
      platform: r.platform,
      employer: r.employer,
      is_new_form: NEW_FORM_OCCUPATIONS.includes(r.occupation),
      joined_on: r.joinedOn,
    })),
  );
}
