import type { Static } from '@sinclair/typebox';
import type * as api from '../../../common/api/audit';
import { http, type ListQuery, type Page } from '../../lib/http';

// The types are the API's own schemas (common/api/), so the client cannot drift from the server.
export type AuditEntry = Static<typeof api.AuditEntry>;
/** The query string; an account id may travel as the digits an audit link held (the server coerces it). */
export type AuditQuery = ListQuery<Omit<Static<typeof api.AuditListQuery>, 'account_id'>> & {
  account_id?: number | string;
};

export const listAudit = (query: AuditQuery) => http.get<Page<AuditEntry>>('/audit', { query: { ...query } });
