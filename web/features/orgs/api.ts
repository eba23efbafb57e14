import type { OrgFields, OrgType } from '../../../common/org-types';
import { http, type Page } from '../../lib/http';

export type OrgStatus = 'active' | 'inactive';

export interface OrgListItem {
  id: number;
  parent_id: number | null;
  name: string;
  short_name: string | null;
  type: OrgType;
  region_code: string;
  region_name: string | null;
  level: number;
  status: OrgStatus;
  child_count: number;
}

export interface OrgDetail extends OrgListItem {
  path: string;
  uscc: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  founded_on: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  created_at: string;
  updated_at: string;
  /** Only the ancestors within the account's scope, root first. */
  ancestors: Array<{ id: number; name: string }>;
  region_full_name: string | null;
}

export interface OrgQuery {
  parent_id?: number;
  q?: string;
  type?: OrgType;
  status?: OrgStatus;
  cursor?: string | null;
  limit?: number;
}

export interface Region {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
  has_children: boolean;
}

export const listOrgs = (query: OrgQuery) => http.get<Page<OrgListItem>>('/orgs', { query: { ...query } });

export const fetchOrg = (id: number) => http.get<OrgDetail>(`/orgs/${id}`);

export const createOrg = (fields: OrgFields & { parent_id: number }) =>
  http.post<OrgDetail>('/orgs', { body: fields, idempotent: true });

export const updateOrg = (id: number, fields: Partial<OrgFields>) => http.patch<OrgDetail>(`/orgs/${id}`, { body: fields });

export const moveOrg = (id: number, parentId: number) =>
  http.post<OrgDetail>(`/orgs/${id}/move`, { body: { parent_id: parentId } });

export const deactivateOrg = (id: number, reason: string) => http.post<OrgDetail>(`/orgs/${id}/deactivate`, { body: { reason } });

export const activateOrg = (id: number) => http.post<OrgDetail>(`/orgs/${id}/activate`);

export const listRegions = (parentCode?: string) =>
  http.get<{ items: Region[] }>('/regions', { query: { parent_code: parentCode } });
