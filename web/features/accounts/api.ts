import type { Static } from '@sinclair/typebox';
import type * as api from '../../../common/api/accounts';
import { http, type ListQuery, type Page } from '../../lib/http';

// The types are the API's own schemas (common/api/), so the client cannot drift from the server.
export type AccountStatus = Static<typeof api.AccountStatus>;
export type AccountListItem = Static<typeof api.AccountListItem>;
export type AccountGrant = Static<typeof api.AccountGrant>;
export type AccountDetail = Static<typeof api.AccountDetail>;
export type Role = Static<typeof api.Role>;
export type AccountQuery = ListQuery<Static<typeof api.AccountListQuery>>;

const path = (id: number) => `/accounts/${id}`;

export const listAccounts = (query: AccountQuery) =>
  http.get<Page<AccountListItem>>('/accounts', { query: { ...query } });

export const fetchAccount = (id: number) => http.get<AccountDetail>(path(id));

export const createAccount = (input: Static<typeof api.CreateAccountBody>) =>
  http.post<AccountDetail>('/accounts', { body: input, idempotent: true });

export const updateAccount = (id: number, input: Static<typeof api.UpdateAccountBody>) =>
  http.patch<AccountDetail>(path(id), { body: input });

export const resetPassword = (id: number, password: string) =>
  http.post<void>(`${path(id)}/reset-password`, { body: { password } satisfies Static<typeof api.ResetPasswordBody> });

export const unlockAccount = (id: number) => http.post<AccountDetail>(`${path(id)}/unlock`);

export const resetTotp = (id: number, reason: string) =>
  http.post<void>(`${path(id)}/reset-totp`, { body: { reason } satisfies Static<typeof api.ResetTotpBody> });

export const addGrant = (accountId: number, input: Static<typeof api.AddGrantBody>) =>
  http.post<AccountGrant>(`${path(accountId)}/grants`, { body: input, idempotent: true });

export const removeGrant = (accountId: number, grantId: number) =>
  http.delete<void>(`${path(accountId)}/grants/${grantId}`);

export const listRoles = () => http.get<Static<typeof api.RoleList>>('/roles');
