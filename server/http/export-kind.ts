import type { Static, TObject } from '@sinclair/typebox';
import type { Permission } from '../../common/permissions';
import type { AccountActor } from './actor';
import type { Ctx } from './context';

/** One column of an exported sheet: the Chinese header and the key of the row value. */
export interface ExportColumn {
  header: string;
  key: string;
  width?: number;
}

export type ExportValue = string | number | null;

/**
 * A sheet's columns in order, each written `key: [header, width]`: what every export declares,
 * without repeating `{ header, key, width }` on every line.
 */
export function exportColumns(
  spec: Readonly<Record<string, readonly [header: string, width?: number]>>,
): ExportColumn[] {
  return Object.entries(spec).map(([key, [header, width]]) =>
    width === undefined ? { header, key } : { header, key, width },
  );
}

/** 是 / 否 as a sheet says yes or no (empty when unknown). */
export const yesNoCell = (b: boolean | null): ExportValue => (b === null ? null : b ? '是' : '否');

/** What a row source is given besides the filters: who exports, and whether full values were asked for. */
export interface ExportRequest {
  actor: AccountActor;
  /** True on the unmasked export: the source shows full values where the actor holds `unmaskPermission`. */
  unmask: boolean;
}

/**
 * One list that can be exported to xlsx, declared by the feature that owns its records and served
 * by the imports feature's export routes (server/features/imports/export-routes.ts):
 * `GET /api/v1/<path>/export.xlsx?<filters>` (masked) and, with `unmaskPermission`,
 * `POST /api/v1/<path>/export` `{ filters, reason }` (full values, reason audited). The rows are
 * streamed: the source reads keyset pages, never the whole result.
 */
export interface ExportKind<F extends TObject = TObject> {
  /** `<feature>.<what>`, e.g. `members.roster`, as the audit entry names it. */
  name: string;
  /** The list's path under /api/v1, e.g. `/members`. */
  path: string;
  /** The sheet's title and the file name's stem, in Chinese. */
  title: string;
  /** Needed to export; the source scopes its rows by it. */
  permission: Permission;
  /** Needed for full values; without it the kind has no unmasked export. */
  unmaskPermission?: Permission;
  /** The list's filters (the list's query without the cursor): the query string of the GET, `filters` of the POST. */
  filters: F;
  columns: readonly ExportColumn[];
  /** The rows in the actor's scope matching the filters, as keyset pages read one after another. */
  rows(ctx: Ctx, filters: Static<F>, request: ExportRequest): AsyncIterable<Record<string, ExportValue>>;
  /** The org the filters narrow to (its path places the audit entry), if any. */
  orgOf?(filters: Static<F>): number | undefined;
}

/** Declares an export; the identity, there for the type. */
export function defineExportKind<F extends TObject>(kind: ExportKind<F>): ExportKind<F> {
  return kind;
}
