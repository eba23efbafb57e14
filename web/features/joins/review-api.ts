import type { Static } from '@sinclair/typebox';
import type * as api from '../../../common/api/joins';
import { http, type ListQuery, type Page } from '../../lib/http';

/** The console's calls for join review, placement and settings (joins.review). Types are the API's own. */

export type JoinQueueItem = Static<typeof api.JoinQueueItem>;
export type JoinQueueQuery = ListQuery<Static<typeof api.JoinQueueQuery>>;
export type JoinQueueName = NonNullable<Static<typeof api.JoinQueueQuery>['queue']>;
export type JoinCounts = Static<typeof api.JoinCounts>;
export type JoinBulkBody = Static<typeof api.JoinBulkBody>;
export type JoinSettings = Static<typeof api.JoinSettings>;

export const listJoinQueue = (query: JoinQueueQuery) =>
  http.get<Page<JoinQueueItem>>('/joins', { query: { ...query, limit: 50 } });
export const fetchJoinCounts = () => http.get<JoinCounts>('/joins/counts');
export const approveJoin = (item: Pick<JoinQueueItem, 'id' | 'version'>) =>
  http.post<JoinQueueItem>(`/joins/${item.id}/approve`, { body: { version: item.version } });
export const refuseJoin = (item: Pick<JoinQueueItem, 'id' | 'version'>, reason: string) =>
  http.post<JoinQueueItem>(`/joins/${item.id}/refuse`, { body: { version: item.version, reason } });
export const placeJoin = (item: Pick<JoinQueueItem, 'id' | 'version'>, orgId: number) =>
  http.post<JoinQueueItem>(`/joins/${item.id}/place`, { body: { version: item.version, org_id: orgId } });
/** All or none: a failure answers each application that could not be decided, keyed by its id. */
export const bulkJoins = (body: JoinBulkBody) => http.post<{ items: JoinQueueItem[] }>('/joins/bulk', { body });

export const fetchJoinSettings = (orgId: number) => http.get<JoinSettings>(`/joins/settings/${orgId}`);
export const saveJoinSettings = (orgId: number, autoApprove: boolean) =>
  http.put<JoinSettings>(`/joins/settings/${orgId}`, { body: { auto_approve: autoApprove } });

/** The union's join URL: what its QR poster carries (the H5 reads `org`). */
export const joinUrlOf = (code: string) => `${window.location.origin}/m/join?org=${encodeURIComponent(code)}`;
