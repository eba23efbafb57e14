import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';

// 值班电话 and the emergency page (duty.ts).

const COLUMNS = ['p.id', 'p.org_id', 'p.label', 'p.phone_masked', 'p.created_at'] as const;

/** An org's own duty phones, oldest first. */
export function listDutyPhones(db: Db, orgId: number) {
  return db.selectFrom('case_duty_phones as p').select(COLUMNS).where('p.org_id', '=', orgId).orderBy('p.id').execute();
}

/**
 * The duty phones that apply at the org at `path`: those of the nearest ancestor-or-self that has
 * any (a union without its own is covered by the one above it), sealed, with the org they belong to.
 */
export function findApplyingDutyPhones(db: Db, path: string) {
  return db
    .selectFrom('case_duty_phones as p')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .select([...COLUMNS, 'p.phone_enc', 'o.name as org_name'])
    .where(
      sql<SqlBool>`p.org_id = (SELECT d.org_id FROM case_duty_phones d JOIN orgs a ON a.id = d.org_id
        WHERE a.path @> ${path}::ltree ORDER BY nlevel(a.path) DESC LIMIT 1)`,
    )
    .orderBy('p.id')
    .execute();
}

/** Serialises changes to one org's duty phones (two adds racing past the count). */
export const lockDutyPhones = (db: Db, orgId: number) =>
  sql`SELECT pg_advisory_xact_lock(hashtextextended(${`case_duty_phones:${orgId}`}, 0))`.execute(db);

export function countDutyPhones(db: Db, orgId: number) {
  return db
    .selectFrom('case_duty_phones')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
}

/** Adds a duty phone; undefined when the org lists that number already. */
export function insertDutyPhone(
  db: Db,
  v: {
    org_id: number;
    label: string;
    phone_hash: Buffer;
    phone_enc: string;
    phone_masked: string;
    created_by: number | null;
  },
) {
  return db
    .insertInto('case_duty_phones')
    .values(v)
    .onConflict((oc) => oc.columns(['org_id', 'phone_hash']).doNothing())
    .returning(['id', 'org_id', 'label', 'phone_masked', 'created_at'])
    .executeTakeFirst();
}

export function deleteDutyPhone(db: Db, orgId: number, id: number) {
  return db
    .deleteFrom('case_duty_phones')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returning(['id', 'label', 'phone_masked'])
    .executeTakeFirst();
}

/** Every duty phone of an org (test set-up). */
export function deleteDutyPhones(db: Db, orgId: number) {
  return db.deleteFrom('case_duty_phones').where('org_id', '=', orgId).execute();
}

/** The timeline's trace of a page (internal): to which union's duty phones, how many, masked. */
export function insertPageEvent(
  db: Db,
  caseId: number,
  orgId: number,
  details: { event_id: number; reason: string; org_id: number; sent: number; to: string[] },
  at: Date,
) {
  return db
    .insertInto('case_events')
    .values({
      case_id: caseId,
      at,
      action: 'page',
      actor_kind: 'system',
      actor_org_id: orgId,
      internal: true,
      details: JSON.stringify({ ...details, channel: 'sms' }) as never,
    })
    .execute();
}
