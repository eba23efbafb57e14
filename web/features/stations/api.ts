import type { Static } from '@sinclair/typebox';
import type * as api from '../../../common/api/stations';
import { http, type ListQuery, type Page } from '../../lib/http';
import { uploadFiles } from '../../lib/upload';

// The types are the API's own schemas (common/api/stations.ts): the console cannot drift from the server.
export type StationItem = Static<typeof api.StationRegistryItem>;
export type StationRecord = Static<typeof api.StationRecord>;
export type StationQuery = ListQuery<Static<typeof api.StationRegistryQuery>>;
export type StationFilters = Static<typeof api.StationRegistryFilters>;
export type NewStationBody = Static<typeof api.NewStationBody>;
export type StationPatchBody = Static<typeof api.StationPatchBody>;
export type HoursCheck = Static<typeof api.HoursCheckResult>;
export type KeeperCandidate = Static<typeof api.KeeperCandidate>;

export const listStations = (query: StationQuery) =>
  http.get<Page<StationItem>>('/stations/registry', { query: { ...query } });

export const fetchStation = (id: number) => http.get<StationRecord>(`/stations/registry/${id}`);

export const createStation = (body: NewStationBody) => http.post<StationRecord>('/stations/registry', { body });

export const updateStation = (id: number, body: StationPatchBody) =>
  http.patch<StationRecord>(`/stations/registry/${id}`, { body });

export const listKeepers = (orgId: number) =>
  http.get<{ items: KeeperCandidate[] }>('/stations/registry/keepers', { query: { org_id: orgId } });

export const checkHours = (opening_hours: string, region_code?: string, signal?: AbortSignal) =>
  http.post<HoursCheck>('/stations/hours-check', { body: { opening_hours, region_code }, signal });

/** Uploads station photos; the edit that follows attaches them (photos_add). */
export const uploadStationPhotos = (files: readonly File[]) => uploadFiles('stations.photo', files);

/** What a station's QR poster encodes: its check-in page on the H5, as an absolute URL. */
export const checkInUrlOf = (id: number) => `${window.location.origin}/m/stations/${id}/check-in`;
