import type { Static } from '@sinclair/typebox';
import type * as regionsApi from '../../../common/api/regions';
import type { OtpSent } from '../auth/api';
import { http } from '../../lib/http';

/** The H5 join flow's calls (DESIGN.md §5): the phone and the ID number travel in bodies, never in URLs. */

export type RegionListItem = Static<typeof regionsApi.RegionListItem>;
export type Region = Static<typeof regionsApi.Region>;

/** The union a QR code names. */
export interface JoinOrg {
  code: string;
  name: string;
  type: string;
  region_code: string;
  region_name?: string;
  takes_members?: boolean;
}

export interface JoinInput {
  name: string;
  id_number: string;
  phone: string;
  otp: string;
  org_code?: string;
  found_by?: 'qr' | 'search';
  occupation: string;
  platform?: string;
  employer?: string;
  work_region_code?: string;
  residence_region_code?: string;
  consent: boolean;
}

export interface JoinAnswer {
  application_no: string;
  status: 'pending' | 'pooled' | 'approved' | 'refused';
  member_no?: string | null;
  org_name?: string;
}

export interface JoinStatus extends JoinAnswer {
  refusal_reason?: string | null;
}

/** The public union search (a part of the name, or pinyin): at most 20 unions that take members. */
export const searchJoinOrgs = (q: string) => http.get<{ items: JoinOrg[] }>('/join/orgs', { query: { q } });
export const fetchJoinOrg = (code: string) => http.get<JoinOrg>(`/join/orgs/${encodeURIComponent(code)}`);
export const sendJoinOtp = (phone: string) =>
  http.post<OtpSent>('/otp', { body: { phone, purpose: 'join' }, idempotent: true });
export const submitJoin = (input: JoinInput, idempotencyKey: string) =>
  http.post<JoinAnswer>('/join', { body: input, idempotencyKey });
export const fetchJoinStatus = (input: { application_no: string; phone: string }) =>
  http.post<JoinStatus>('/join/status', { body: input });
export const listRegions = (parentCode?: string) =>
  http.get<{ items: RegionListItem[] }>('/regions', { query: { parent_code: parentCode } });
export const fetchRegion = (code: string) => http.get<Region>(`/regions/${code}`);
