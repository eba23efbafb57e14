import type { Static } from '@sinclair/typebox';
import type * as api from '../../../common/api/transfers';
import { http, type ListQuery, type Page } from '../../lib/http';

// The types are the API's own schemas (common/api/), so the client cannot drift from the server.
export type Transfer = Static<typeof api.TransferView>;
export type TransferTarget = Static<typeof api.TransferTarget>;
export type TransferQuery = ListQuery<Static<typeof api.TransferListQuery>>;

/** The console's queue: incoming or outgoing, by state. */
export const listTransfers = (query: TransferQuery) => http.get<Page<Transfer>>('/transfers', { query: { ...query } });

/** `idempotencyKey`: kept by the form across retries, so a resent request is not a second transfer. */
export const startTransfer = (body: Static<typeof api.TransferBody>, idempotencyKey: string) =>
  http.post<Transfer>('/transfers', { body, idempotencyKey });

export const acceptTransfer = (id: number, version: number) =>
  http.post<Transfer>(`/transfers/${id}/accept`, { body: { version } });

export const refuseTransfer = (id: number, version: number, reason: string) =>
  http.post<Transfer>(`/transfers/${id}/refuse`, { body: { version, reason } });

/** The member (H5) or the sending union (console) withdraws an open transfer. */
export const cancelTransfer = (id: number, version: number) =>
  http.post<Transfer>(`/transfers/${id}/cancel`, { body: { version } });

/** Unions that take members, by name: for picking the receiving union. */
export const searchTargets = (q: string) =>
  http.get<{ items: TransferTarget[] }>('/transfers/targets', { query: { q } });

/** The signed-in worker's own transfers (H5). */
export const listMyTransfers = () => http.get<{ items: Transfer[] }>('/me/transfers');

export const requestMyTransfer = (body: Static<typeof api.MyTransferBody>, idempotencyKey: string) =>
  http.post<Transfer>('/me/transfers', { body, idempotencyKey });
