import { http, type ListQuery, type Page } from '../../lib/http';

/** The console's calls for join review and placement (joins.review). */

export type JoinQueueStatus = 'pending' | 'pooled' | 'approved' | 'refused';

export interface JoinQueueItem {
  id: number;
  application_no: string;
  status: JoinQueueStatus;
  channel: 'union' | 'pool';
  org_id: number;
  org_name: string;
  name_masked: string;
  id_masked: string;
  phone_masked: string;
  occupation: string;
  platform: string | null;
  employer: string | null;
  created_at: string;
  refusal_reason?: string | null;
  placed_org_name?: string | null;
}

export interface JoinCounts {
  counts: Array<{ status: JoinQueueStatus; count: number; oldest_at: string | null }>;
}

export interface BulkResult {
  results: Array<{ id: number; ok: boolean; error?: { code: string; message: string } }>;
}

export const listJoinQueue = (query: ListQuery<{ status?: JoinQueueStatus; org_id?: number; cursor?: string }>) =>
  http.get<Page<JoinQueueItem>>('/joins', { query: { ...query, limit: 50 } });
export const fetchJoinCounts = () => http.get<JoinCounts>('/joins/counts');
export const approveJoin = (id: number) => http.post<JoinQueueItem>(`/joins/${id}/approve`, { body: {} });
export const refuseJoin = (id: number, reason: string) =>
  http.post<JoinQueueItem>(`/joins/${id}/refuse`, { body: { reason } });
export const placeJoin = (id: number, orgId: number) =>
  http.post<JoinQueueItem>(`/joins/${id}/place`, { body: { org_id: orgId } });
export const bulkJoins = (body: {
  ids: number[];
  action: 'approve' | 'refuse' | 'place';
  reason?: string;
  org_id?: number;
}) => http.post<BulkResult>('/joins/bulk', { body });
