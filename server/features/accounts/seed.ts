import type { Ctx } from '../../http/context';
import type { DemoWorld } from '../../http/feature';
import { hashPassword } from '../auth/password';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';
import { insertAccountWithGrant } from './service';

/** The demo accounts, one per level and role; none must change its password, so a visitor gets straight in. */
export async function seedDemoAccounts(tx: Ctx, world: DemoWorld): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const a of DEMO_ACCOUNTS) {
    const orgId = world.orgIds.get(a.org_key);
    if (orgId === undefined) throw new Error(`demo account ${a.username}: no demo org ${a.org_key}`);
    await insertAccountWithGrant(tx, {
      orgId,
      username: a.username,
      displayName: a.display_name,
      passwordHash,
      roleCode: a.role,
    });
  }
}
