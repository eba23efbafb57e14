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

/** A worker signed in by phone on the H5; not a console account. */
export interface MemberActor {
  kind: 'member';
  phoneHash: Buffer;
  phoneMasked: string;
  sessionHash: Buffer;
}

export type Actor = AccountActor | MemberActor;

/** What every service receives: who acts, from where. */
export interface RequestMeta {
  ip: string;
}
