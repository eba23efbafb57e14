import type { DB } from '../db/schema';

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
