import { http, type Page } from '../../lib/http';

export type AccountStatus = 'active' | 'disabled';

export interface AccountListItem {
  id: number;
  username: string;
  display_name: string;
  org_id: number;
  org_name: string;
  status: AccountStatus;
  totp_enabled: boolean;
  last_login_at: string | null;
  grant_count: number;
}

export interface AccountGrant {
  id: number;
  org_id: number;
  org_name: string;
  role_id: number;
  role_code: string;
  role_name: string;
  role_name_en?: string;
}

export interface AccountDetail extends AccountListItem {
  must_change_password: boolean;
  created_at: string;
  grants: AccountGrant[];
  /** Whether the caller may edit, disable, reset the password of and change the grants of this account. */
  can_manage: boolean;
  /** Locked for 30 minutes by failed sign-ins. */
  is_locked: boolean;
}

export interface Role {
  id: number;
  code: string;
  name: string;
  name_en: string;
  permissions: string[];
  is_system: boolean;
}

export interface AccountQuery {
  org_id?: number;
  q?: string;
  status?: AccountStatus;
  cursor?: string | null;
  limit?: number;
}

const path = (id: number) => `/accounts/${id}`;

export const listAccounts = (query: AccountQuery) =>
  http.get<Page<AccountListItem>>('/accounts', { query: { ...query } });

export const fetchAccount = (id: number) => http.get<AccountDetail>(path(id));

export const createAccount = (input: { org_id: number; username: string; display_name: string; password: string }) =>
  http.post<AccountDetail>('/accounts', { body: input, idempotent: true });

export const updateAccount = (id: number, input: { display_name?: string; status?: AccountStatus }) =>
  http.patch<AccountDetail>(path(id), { body: input });

export const resetPassword = (id: number, password: string) =>
  http.post<void>(`${path(id)}/reset-password`, { body: { password } });

export const unlockAccount = (id: number) => http.post<AccountDetail>(`${path(id)}/unlock`);

export const resetTotp = (id: number, reason: string) =>
  http.post<void>(`${path(id)}/reset-totp`, { body: { reason } });

export const addGrant = (accountId: number, input: { org_id: number; role_id: number }) =>
  http.post<AccountGrant>(`${path(accountId)}/grants`, { body: input, idempotent: true });

export const removeGrant = (accountId: number, grantId: number) =>
  http.delete<void>(`${path(accountId)}/grants/${grantId}`);

export const listRoles = () => http.get<{ items: Role[] }>('/roles');
