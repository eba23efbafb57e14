import type { Static } from '@sinclair/typebox';
import type * as api from '../../../common/api/members';
import { http, type ListQuery, type Page } from '../../lib/http';

// The types are the API's own schemas (common/api/), so the client cannot drift from the server.
export type MemberListItem = Static<typeof api.MemberListItem>;
export type MemberProfile = Static<typeof api.MemberProfile>;
export type MemberQuery = ListQuery<Static<typeof api.MemberListQuery>>;
export type UnmaskResult = Static<typeof api.UnmaskResult>;

export const listMembers = (query: MemberQuery) => http.get<Page<MemberListItem>>('/members', { query: { ...query } });

/** Exact search: the number travels in the body, never in a URL. */
export const lookupMembers = (body: Static<typeof api.MemberLookupBody>) =>
  http.post<{ items: MemberListItem[] }>('/members/lookup', { body });

export const fetchMember = (id: number) => http.get<MemberProfile>(`/members/${id}`);

export const unmaskMember = (id: number, body: Static<typeof api.UnmaskBody>) =>
  http.post<UnmaskResult>(`/members/${id}/unmask`, { body });
