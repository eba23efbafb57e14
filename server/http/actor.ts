import type { Permission } from '../../common/permissions';

/** One grant as the request sees it: a role's permissions on an org's subtree. */
export interface ActorGrant {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  roleCode: string;
  roleName: string;
  permissions: ReadonlySet<Permission>;
}

export interface AccountActor {
  kind: 'account';
  accountId: number;
  username: string;
  displayName: string;
  orgId: number;
  /** Path of the account's own org: where its own audit entries are placed. */
  orgPath: string;
  restriction: 'password_change' | 'totp_enrollment' | null;
  grants: ActorGrant[];
  sessionHash: Buffer;
}

/**
 * A worker (职工) signed in by phone on the H5; not a console account. A worker becomes a member
 * by joining, so being signed in says nothing about membership.
 */
export interface WorkerActor {
  kind: 'worker';
  phoneHash: Buffer;
  phoneMasked: string;
  sessionHash: Buffer;
}

/** Work the platform does on its own: jobs, imports, seeds. Audited as 系统, never as 匿名. */
export interface SystemActor {
  kind: 'system';
}

export const SYSTEM_ACTOR: SystemActor = Object.freeze({ kind: 'system' });

export type Actor = AccountActor | WorkerActor | SystemActor;
