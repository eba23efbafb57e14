import type { Static } from '@sinclair/typebox';
import type * as authApi from '../../../common/api/auth';
import type * as joinsApi from '../../../common/api/joins';
import type * as regionsApi from '../../../common/api/regions';
import type { OtpSent } from '../auth/api';
import { http } from '../../lib/http';

/** The H5 join flow's calls (DESIGN.md §5): the phone and the ID number travel in bodies, never in URLs. */

export type RegionListItem = Static<typeof regionsApi.RegionListItem>;
export type Region = Static<typeof regionsApi.Region>;

// The types are the API's own schemas (common/api/), so the H5 cannot drift from the server.
/** The union a QR code (or the search) names. */
export type JoinOrg = Static<typeof joinsApi.JoinOrg>;
export type JoinInput = Static<typeof joinsApi.JoinBody>;
/** What a join answers at once (the union's name is not in it: the page knows where it sent it). */
export type JoinAnswer = Static<typeof joinsApi.JoinAnswer>;
export type JoinStatus = Static<typeof joinsApi.JoinStatus>;
type JoinStatusQuery = Static<typeof joinsApi.JoinStatusBody>;

/** The public union search (a part of the name, or pinyin): at most 20 unions that take members. */
export const searchJoinOrgs = (q: string) =>
  http.get<Static<typeof joinsApi.JoinOrgSearchResult>>('/join/orgs', { query: { q } });
export const fetchJoinOrg = (code: string) => http.get<JoinOrg>(`/join/orgs/${encodeURIComponent(code)}`);
export const sendJoinOtp = (phone: string) =>
  http.post<OtpSent>('/otp', {
    body: { phone, purpose: 'join' } satisfies Static<typeof authApi.SendOtpBody>,
    idempotent: true,
  });
export const submitJoin = (input: JoinInput, idempotencyKey: string) =>
  http.post<JoinAnswer>('/join', { body: input, idempotencyKey });
export const fetchJoinStatus = (input: JoinStatusQuery) => http.post<JoinStatus>('/join/status', { body: input });
export const listRegions = (parentCode?: string) =>
  http.get<{ items: RegionListItem[] }>('/regions', { query: { parent_code: parentCode } });
export const fetchRegion = (code: string) => http.get<Region>(`/regions/${code}`);
