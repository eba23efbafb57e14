/** Test code: builds accounts and grants through the feature's own inserts, with no checks (product code never imports this). */
import type { TestApp } from '../../testing/test-app';
import { hashPassword } from '../auth/password';
import type { BuiltOrg } from '../orgs/orgs.factories';
import { insertAccountWithGrant, insertGrantOf } from './service';

/** The password every built account signs in with. */
export const TEST_PASSWORD = 'Test@Pass2026';
let passwordHash: Promise<string> | undefined;
let seq = 0;

/** Inserts an account holding `role` on `org` (its owning org too, unless `homeOrg` is given). */
export async function buildAccount(
  t: Pick<TestApp, 'db'>,
  opts: {
    org: BuiltOrg;
    role: string;
    username?: string;
    homeOrg?: BuiltOrg;
    status?: 'active' | 'disabled';
    mustChangePassword?: boolean;
    passwordChangedAt?: Date;
  },
): Promise<{ id: number; username: string }> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const n = ++seq;
  const username = opts.username ?? `user${n}`;
  const id = await insertAccountWithGrant(t, {
    orgId: (opts.homeOrg ?? opts.org).id,
    grantOrgId: opts.org.id,
    username,
    displayName: `测试用户${n}`,
    passwordHash: await passwordHash,
    roleCode: opts.role,
    status: opts.status,
    mustChangePassword: opts.mustChangePassword,
    passwordChangedAt: opts.passwordChangedAt,
  });
  return { id, username };
}

/** Gives an existing account one more grant, `role` on `org`; returns the grant's id. */
export async function grantRole(
  t: Pick<TestApp, 'db'>,
  accountId: number,
  org: BuiltOrg,
  role: string,
): Promise<number> {
  const id = await insertGrantOf(t, accountId, org.id, role);
  if (id === undefined) throw new Error(`account ${accountId} already holds ${role} on org ${org.id}`);
  return id;
}
