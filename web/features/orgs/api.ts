import type { Static } from '@sinclair/typebox';
import type * as api from '../../../common/api/orgs';
import type * as regions from '../../../common/api/regions';
import { http, type ListQuery, type Page } from '../../lib/http';

// The types are the API's own schemas (common/api/), so the client cannot drift from the server.
export type OrgStatus = Static<typeof api.OrgStatus>;
export type OrgListItem = Static<typeof api.OrgListItem>;
export type OrgDetail = Static<typeof api.OrgDetail>;
export type OrgQuery = ListQuery<Static<typeof api.OrgListQuery>>;
export type CreateOrgInput = Static<typeof api.CreateOrgBody>;
export type UpdateOrgInput = Static<typeof api.UpdateOrgBody>;
export type RegionListItem = Static<typeof regions.RegionListItem>;
export type Region = Static<typeof regions.Region>;

export const listOrgs = (query: OrgQuery) => http.get<Page<OrgListItem>>('/orgs', { query: { ...query } });

export const fetchOrg = (id: number) => http.get<OrgDetail>(`/orgs/${id}`);

export const createOrg = (fields: CreateOrgInput) => http.post<OrgDetail>('/orgs', { body: fields, idempotent: true });

export const updateOrg = (id: number, fields: UpdateOrgInput) => http.patch<OrgDetail>(`/orgs/${id}`, { body: fields });

/** Moves an org (and its subtree) under a new parent, with a new region when it moves elsewhere. */
export const moveOrg = (id: number, parentId: number, regionCode?: string) =>
  http.post<OrgDetail>(`/orgs/${id}/move`, {
    body: { parent_id: parentId, ...(regionCode ? { region_code: regionCode } : {}) } satisfies Static<
      typeof api.MoveOrgBody
    >,
  });

export const deactivateOrg = (id: number, reason: string) =>
  http.post<OrgDetail>(`/orgs/${id}/deactivate`, { body: { reason } satisfies Static<typeof api.DeactivateOrgBody> });

export const activateOrg = (id: number) => http.post<OrgDetail>(`/orgs/${id}/activate`);

export const listRegions = (parentCode?: string) =>
  http.get<Static<typeof regions.RegionList>>('/regions', { query: { parent_code: parentCode } });

export const fetchRegion = (code: string) => http.get<Region>(`/regions/${code}`);
