import type { Ctx } from '../../http/context';
import type { DemoWorld } from '../../http/feature';
import { DEMO_TREE } from './demo-tree';
import type { DemoOrg } from './demo/org';
import { insertOrg } from './service';

/** The demo union tree (DESIGN.md §8), each org's id kept under its demo key for the seeds after it. */
export async function seedDemoOrgs(tx: Ctx, world: DemoWorld): Promise<void> {
  const insert = async (org: DemoOrg, parent: { id: number; path: string; level: number } | null): Promise<void> => {
    const { key, children, ...fields } = org;
    const row = await insertOrg(tx, parent, fields);
    world.orgIds.set(key, row.id);
    for (const child of children ?? []) await insert(child, row);
  };
  await insert(DEMO_TREE, null);
}
