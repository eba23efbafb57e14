/** Test code: builds accounts and grants straight into a test app's database (product code never imports this). */
import type { TestApp } from '../../testing/test-app';
import { hashPassword } from '../auth/password';
import type { BuiltOrg } from '../orgs/orgs.factories';

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
  const account = await t.db
    .insertInto('accounts')
    .values({
      org_id: (opts.homeOrg ?? opts.org).id,
      username,
      display_name: `测试用户${n}`,
      password_hash: await passwordHash,
      status: opts.status ?? 'active',
      must_change_password: opts.mustChangePassword ?? false,
      ...(opts.passwordChangedAt ? { password_changed_at: opts.passwordChangedAt } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const role = await t.db.selectFrom('roles').select('id').where('code', '=', opts.role).executeTakeFirstOrThrow();
  await t.db.insertInto('grants').values({ account_id: account.id, org_id: opts.org.id, role_id: role.id }).execute();
  return { id: account.id, username };
}

/** Gives an existing account one more grant, `role` on `org`; returns the grant's id. */
export async function grantRole(
  t: Pick<TestApp, 'db'>,
  accountId: number,
  org: BuiltOrg,
  role: string,
): Promise<number> {
  const { id: roleId } = await t.db.selectFrom('roles').select('id').where('code', '=', role).executeTakeFirstOrThrow();
  return (
    await t.db
      .insertInto('grants')
      .values({ account_id: accountId, org_id: org.id, role_id: roleId })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}
