import type { Static } from '@sinclair/typebox';
import type * as api from '../../../common/api/members';
import { http, type ListQuery, type Page } from '../../lib/http';
import { uploadFiles } from '../../lib/upload';

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

export type MemberHistory = Static<typeof api.MemberHistory>;
export type NewMemberBody = Static<typeof api.NewMemberBody>;
export type MemberPatchBody = Static<typeof api.MemberPatchBody>;

export const createMember = (body: NewMemberBody) => http.post<MemberProfile>('/members', { body });

export const updateMember = (id: number, body: MemberPatchBody) =>
  http.patch<MemberProfile>(`/members/${id}`, { body });

export const lapseMember = (id: number, body: Static<typeof api.LapseBody>) =>
  http.post<MemberProfile>(`/members/${id}/lapse`, { body });

export const addHonour = (id: number, body: Static<typeof api.NewHonourBody>) =>
  http.post<MemberProfile>(`/members/${id}/honours`, { body });

export const removeHonour = (id: number, honourId: number) =>
  http.delete<MemberProfile>(`/members/${id}/honours/${honourId}`);

export const fetchMemberHistory = (id: number) => http.get<MemberHistory>(`/members/${id}/history`);

/** Uploads a member's photo or an honour's certificate scans; the write that follows attaches them. */
export const uploadMemberFiles = (kind: 'members.photo' | 'members.honour_certificate', files: readonly File[]) =>
  uploadFiles(kind, files);
