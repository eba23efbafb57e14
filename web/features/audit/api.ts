import { http, type Page } from '../../lib/http';

export interface AuditEntry {
  id: number;
  at: string;
  actor_label: string;
  account_id: number | null;
  ip: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  reason: string | null;
  details: unknown;
  /** The current name of the org or account the entry is about, when it lies in the viewer's scope. */
  entity_name?: string | null;
  /** Names of the orgs the details mention (those in the viewer's scope), by id. */
  org_names?: Record<string, string>;
}

export interface AuditQuery {
  action?: string;
  entity_type?: string;
  entity_id?: string;
  account_id?: string;
  /** Calendar dates (YYYY-MM-DD), both ends included. */
  from?: string;
  to?: string;
  cursor?: string | null;
  limit?: number;
}

export const listAudit = (query: AuditQuery) => http.get<Page<AuditEntry>>('/audit', { query: { ...query } });
