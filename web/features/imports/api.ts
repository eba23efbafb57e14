import type { Static } from '@sinclair/typebox';
import type * as api from '../../../common/api/imports';
import { downloadFile } from '../../lib/download';
import { http, type ListQuery, type Page } from '../../lib/http';

// The types are the API's own schemas (common/api/), so the client cannot drift from the server.
export type ImportView = Static<typeof api.ImportView>;
export type ImportQuery = ListQuery<Static<typeof api.ImportListQuery>>;

/** Uploads the workbook into `orgId`: the org first, then the file (the server reads them in order). */
export function startImport(kind: string, orgId: number, file: File): Promise<ImportView> {
  const form = new FormData();
  form.append('org_id', String(orgId));
  form.append('file', file, file.name);
  return http.post<ImportView>(`/imports/${kind}`, { body: form });
}

export const fetchImport = (id: number) => http.get<ImportView>(`/imports/${id}`);
export const listImports = (query: ImportQuery) => http.get<Page<ImportView>>('/imports', { query: { ...query } });
export const cancelImport = (id: number) => http.post<ImportView>(`/imports/${id}/cancel`);
export const downloadTemplate = (kind: string) => downloadFile('GET', `/imports/${kind}/template`);
export const downloadErrorReport = (id: number) => downloadFile('GET', `/imports/${id}/errors.xlsx`);

/** The masked export of a list (`path` as `/members`) with its filters. */
export const exportMasked = (path: string, filters: Record<string, string | number | boolean | undefined>) =>
  downloadFile('GET', `${path}/export.xlsx`, { query: filters });

/** The export with full values: the filters and the reason in the body, never in a URL. */
export const exportUnmasked = (path: string, filters: object, reason: string) =>
  downloadFile('POST', `${path}/export`, { body: { filters, reason } });
