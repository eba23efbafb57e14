import { sql, type RawBuilder } from 'kysely';
import type { Cipher } from '../lib/crypto';
import type { Db } from './database';
import type { DB } from './schema';

/**
 * Columns holding AES-256-GCM ciphertext (`v<N>.…`, server/lib/crypto.ts), declared by the feature
 * that owns the table (`Feature.sealedColumns`). When a new data key is added, the nightly
 * `system.rekey` job re-encrypts every value still under an older key, in small batches while the
 * app runs (docs/decisions/0013): the value is unchanged, only its key, and a row written since it
 * was read is skipped (the write already used the current key).
 */
export interface SealedColumns {
  table: keyof DB & string;
  /** The primary key's columns. */
  key: readonly string[];
  /** The ciphertext columns (nullable ones are skipped when null). */
  columns: readonly string[];
}

type Row = Record<string, unknown>;

/** Rows with a ciphertext made under a key older than the current one. */
function staleWhere(cipher: Cipher, spec: SealedColumns) {
  const prefix = `v${cipher.currentVersion}.%`;
  return sql.join(
    spec.columns.map((c) => sql`(${sql.ref(c)} IS NOT NULL AND ${sql.ref(c)} NOT LIKE ${prefix})`),
    sql` OR `,
  );
}

/**
 * Re-encrypts up to `limit` rows of one declared table whose ciphertexts are under an older key
 * (docs/decisions/0013), inside the caller's transaction. Rows are locked with SKIP LOCKED, so a
 * second node running the same job at the same time takes other rows, and a row a user is
 * editing is left for the next batch. Answers how many rows it rewrote (0: the table is done).
 */
export async function reencryptBatch(db: Db, cipher: Cipher, spec: SealedColumns, limit: number): Promise<number> {
  const keys = sql.join(spec.key.map((k) => sql.ref(k)));
  const { rows } = await sql<Row>`
    SELECT ${keys}, ${sql.join(spec.columns.map((c) => sql.ref(c)))}
      FROM ${sql.table(spec.table)}
     WHERE ${staleWhere(cipher, spec)}
     ORDER BY ${keys}
     LIMIT ${limit}
       FOR UPDATE SKIP LOCKED`.execute(db);
  for (const row of rows) {
    const sets: RawBuilder<unknown>[] = spec.columns.map((c) => {
      const value = row[c];
      return sql`${sql.ref(c)} = ${typeof value === 'string' ? cipher.encrypt(cipher.decrypt(value)) : null}`;
    });
    const where = sql.join(
      spec.key.map((k) => sql`${sql.ref(k)} = ${row[k]}`),
      sql` AND `,
    );
    await sql`UPDATE ${sql.table(spec.table)} SET ${sql.join(sets)} WHERE ${where}`.execute(db);
  }
  return rows.length;
}

/** How many rows of a declared table still hold a ciphertext under an older key. */
export async function countStale(db: Db, cipher: Cipher, spec: SealedColumns): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    SELECT count(*) AS n FROM ${sql.table(spec.table)} WHERE ${staleWhere(cipher, spec)}`.execute(db);
  return Number(rows[0]!.n);
}
