import type { Db } from '../db/database';
import { FEATURES } from '../features';
import { systemContext, withTransaction, type AppDeps } from '../http/context';
import type { DemoWorld } from '../http/feature';

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
 * Seeds the demo (DESIGN.md §8) in one transaction, as the system: each feature's seed in the
 * order of server/features.ts, writing through the feature's own insert functions.
 */
export async function seedDemo(deps: AppDeps): Promise<{ orgs: number; accounts: number }> {
  return withTransaction(systemContext(deps), async (tx) => {
    const world: DemoWorld = { orgIds: new Map() };
    for (const feature of FEATURES) await feature.seedDemo?.(tx, world);
    const accounts = await tx.db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { orgs: world.orgIds.size, accounts: accounts.n };
  });
}
