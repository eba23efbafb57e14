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
  /** ltree of ids from the root, e.g. "1.2.5". */
  path: string;
}

export interface OrgDetail extends OrgListItem {
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
  /** Names from the province down, e.g. "江苏省宿迁市宿城区". */
  full_name: string;
  has_children: boolean;
}

export const listOrgs = (query: OrgQuery) => http.get<Page<OrgListItem>>('/orgs', { query: { ...query } });

export const fetchOrg = (id: number) => http.get<OrgDetail>(`/orgs/${id}`);

export const createOrg = (fields: OrgFields & { parent_id: number }) =>
  http.post<OrgDetail>('/orgs', { body: fields, idempotent: true });

export const updateOrg = (id: number, fields: Partial<OrgFields>) =>
  http.patch<OrgDetail>(`/orgs/${id}`, { body: fields });

/** Moves an org (and its subtree) under a new parent, with a new region when it moves elsewhere. */
export const moveOrg = (id: number, parentId: number, regionCode?: string) =>
  http.post<OrgDetail>(`/orgs/${id}/move`, {
    body: { parent_id: parentId, ...(regionCode ? { region_code: regionCode } : {}) },
  });

export const deactivateOrg = (id: number, reason: string) =>
  http.post<OrgDetail>(`/orgs/${id}/deactivate`, { body: { reason } });

export const activateOrg = (id: number) => http.post<OrgDetail>(`/orgs/${id}/activate`);

export const listRegions = (parentCode?: string) =>
  http.get<{ items: Region[] }>('/regions', { query: { parent_code: parentCode } });

export const fetchRegion = (code: string) => http.get<Omit<Region, 'has_children'>>(`/regions/${code}`);
