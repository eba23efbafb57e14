import { sql } from 'kysely';
import type { Db } from '../database';
import { hashPassword } from '../../features/auth/password';
import { pinyinKeys } from '../../features/orgs/names';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TREE, type DemoOrg } from './demo-tree';

/** Whether `npm run bootstrap` set this database up as a real deployment. */
export async function isBootstrapped(db: Db): Promise<boolean> {
  return (
    (await db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'deployment.bootstrapped')
      .limit(1)
      .executeTakeFirst()) !== undefined
  );
}

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  return (await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst()) === undefined;
}

/**
 * Seeds the demo union tree and accounts (DESIGN.md §8) in one transaction. Demo accounts
 * need no password change at first sign-in, so a visitor gets straight in.
 */
export async function seedDemo(db: Db): Promise<{ orgs: number; accounts: number }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction().execute(async (trx) => {
    const ids = new Map<string, number>();
    let count = 0;
    const insert = async (org: DemoOrg, parent: { id: number; path: string; level: number } | null): Promise<void> => {
      const { key, children, ...fields } = org;
      const { id } = (
        await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('orgs', 'id'))::int AS id`.execute(trx)
      ).rows[0]!;
      const path = parent ? `${parent.path}.${id}` : String(id);
      const level = (parent?.level ?? 0) + 1;
      await trx
        .insertInto('orgs')
        .values({ ...fields, id, parent_id: parent?.id ?? null, path, level, ...pinyinKeys(org.name) })
        .execute();
      ids.set(key, id);
      count++;
      for (const child of children ?? []) await insert(child, { id, path, level });
    };
    await insert(DEMO_TREE, null);
    const roles = new Map((await trx.selectFrom('roles').select(['id', 'code']).execute()).map((r) => [r.code, r.id]));
    for (const a of DEMO_ACCOUNTS) {
      const orgId = ids.get(a.org_key)!;
      const account = await trx
        .insertInto('accounts')
        .values({ org_id: orgId, username: a.username, display_name: a.display_name, password_hash: passwordHash })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('grants')
        .values({ account_id: account.id, org_id: orgId, role_id: roles.get(a.role)! })
        .execute();
    }
    return { orgs: count, accounts: DEMO_ACCOUNTS.length };
  });
}
