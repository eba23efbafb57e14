import type { Permission } from '../../common/permissions';
import type { FieldErrors } from '../../common/errors';
import type { Ctx } from './context';

/** One column of an import template: the Chinese header a cadre sees and the key the row is read into. */
export interface ImportColumn {
  header: string;
  key: string;
  required: boolean;
  example: string;
  help: string;
}

/** What a kind's parseRow is given besides the raw row: the chosen org and the caller. */
export interface ImportRowContext<P = unknown> {
  orgId: number;
  /** What the kind's `prepare` looked up once per run (e.g. the org subtree's names). */
  prepared: P;
  /** 1-based row number in the sheet, for messages. */
  rowNumber: number;
}

/** A parsed row: the value to write, or the errors naming each bad column (in Chinese). */
export type ParsedRow<V> = { ok: true; value: V } | { ok: false; errors: FieldErrors };

/** What writeBatch is given: the import's id, org and the account that started it. */
export interface ImportWriteContext {
  importId: number;
  orgId: number;
  createdBy: number | null;
}

/**
 * One kind of spreadsheet import, declared by the feature that owns the records (`Feature.importKinds`).
 * The imports feature (server/features/imports/) owns the file, the job, the checkpoint and the
 * error report; the kind says what a row is and how a batch of them is written.
 */
export interface ImportKind<V = unknown, P = unknown> {
  /** `<feature>.<what>`, e.g. `members.roster`. */
  name: string;
  /** Chinese title, used in file names and the console. */
  title: string;
  /** Needed over the chosen org to download the template and to import. */
  permission: Permission;
  columns: readonly ImportColumn[];
  /** The text of the template's 填写说明 sheet, one paragraph per entry. */
  instructions: readonly string[];
  /** Looks up once per run what parseRow needs from the database (kept in memory: keep it small). */
  prepare(ctx: Ctx, orgId: number): Promise<P>;
  /** Validates and normalises one row (raw values keyed by column key, already trimmed text); no I/O. */
  parseRow(raw: Record<string, string>, ctx: ImportRowContext<P>): ParsedRow<V>;
  /** The key two rows of one person share (e.g. the ID number's blind index, hex). */
  dedupeKey(value: V): string;
  /** Which of `keys` already exist in the registry. */
  findExisting(tx: Ctx, keys: readonly string[]): Promise<Set<string>>;
  /** Writes a batch of valid rows new to the registry, inside the batch's transaction; returns how many it wrote. */
  writeBatch(tx: Ctx, values: readonly V[], ctx: ImportWriteContext): Promise<number>;
  /** Whether the caller may import this kind into `orgId` (beyond the permission). */
  canImport?(ctx: Ctx, orgId: number): boolean;
}

/** Declares a kind; the identity, there for the type. */
export function defineImportKind<V, P>(kind: ImportKind<V, P>): ImportKind<V, P> {
  return kind;
}
