import { Type } from '@sinclair/typebox';
import { Id, Nullable, PageQuery, Strict } from './schemas';

/**
 * The spreadsheet imports' contract (server/features/imports/routes.ts, docs/decisions/0014).
 * An upload is multipart/form-data: an `org_id` field, then one `file` part (the .xlsx). The
 * answer is the import, queued; the console polls `GET /imports/:id` for its progress.
 */

/** What an import's state reads as: queued → running → done; refused (the whole file), failed, cancelled. */
export const IMPORT_STATES = ['queued', 'running', 'done', 'refused', 'failed', 'cancelled'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

/** Chinese labels of the states, for the console. */
export const IMPORT_STATE_LABELS: Record<ImportState, string> = {
  queued: '排队中',
  running: '导入中',
  done: '已完成',
  refused: '文件被拒绝',
  failed: '失败',
  cancelled: '已取消',
};

/** A kind as `members.roster`: `<feature>.<what>`. */
export const ImportKindName = Type.String({ pattern: '^[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*$', maxLength: 60 });

export const ImportIdParams = Strict({ id: Id });

export const ImportView = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  kind_title: Type.String(),
  org_id: Type.Integer(),
  org_name: Type.String(),
  file_name: Type.String(),
  state: Type.Union(IMPORT_STATES.map((s) => Type.Literal(s))),
  /** Why the file was refused or the run failed, in Chinese; null otherwise. */
  message: Nullable(Type.String()),
  /** Data rows in the file, once counted (the first pass); null before. */
  total_rows: Nullable(Type.Integer()),
  read_rows: Type.Integer(),
  /** Rows that passed validation (written or already in the registry). */
  valid_rows: Type.Integer(),
  /** Rows refused: a bad value, or a repeat of an earlier row of the file. */
  invalid_rows: Type.Integer(),
  /** Valid rows already in the registry (not written again). */
  duplicate_rows: Type.Integer(),
  written_rows: Type.Integer(),
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  /** Whether the error report has rows (invalid or duplicate). */
  has_errors: Type.Boolean(),
  is_mine: Type.Boolean(),
  job_id: Nullable(Type.Integer()),
  created_at: Type.String(),
  finished_at: Nullable(Type.String()),
});

export const ImportListQuery = Strict({
  kind: Type.Optional(ImportKindName),
  /** Only the imports the caller started. */
  mine: Type.Optional(Type.Boolean()),
  ...PageQuery,
});

/** The body of an unmasked export: the list's filters and why the full numbers are needed (never in a URL). */
export const EXPORT_REASON = Type.String({
  minLength: 4,
  maxLength: 200,
  description: '导出完整号码的理由 Why the full numbers are needed',
});
