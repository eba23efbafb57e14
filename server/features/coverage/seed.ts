import type { Ctx } from '../../http/context';
import type { DemoWorld } from '../../http/feature';
import { enqueueJob } from '../jobs/enqueue';
import { coverageJob } from './job';
import { insertPoints, insertPointSet, insertRun, setRunJob } from './sql';

/**
 * Where 信州区's riders wait for orders (WGS-84, with how many at a busy hour): most near the demo's
 * stations, and four clusters where there is none — the high-speed station's new district, the
 * logistics park by the ring road, 茅家岭 and 朝阳 — which the analysis should find as gaps.
 */
const HOTSPOTS: Array<[lat: number, lng: number, riders: number, spread: number, count: number]> = [
  [28.4548, 117.9659, 30, 0.004, 40],
  [28.4612, 117.9525, 40, 0.004, 50],
  [28.4489, 117.9592, 25, 0.003, 30],
  [28.4215, 117.9712, 20, 0.004, 30],
  [28.4521, 117.9448, 15, 0.003, 20],
  [28.4915, 117.9021, 25, 0.006, 45], // gap: 高铁新区
  [28.4012, 118.0235, 20, 0.006, 40], // gap: 物流园
  [28.4745, 118.0512, 12, 0.005, 25], // gap: 茅家岭
  [28.3905, 117.9318, 10, 0.005, 20], // gap: 朝阳
];

/** The demo's demand points for 信州区 and one analysis of them, queued (the job runs at start). */
export async function seedDemoCoverage(tx: Ctx, world: DemoWorld): Promise<void> {
  const orgId = world.orgIds.get('jx.sr.xz');
  if (orgId === undefined) return;
  let seed = 861_102;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const points = HOTSPOTS.flatMap(([lat, lng, riders, spread, count]) =>
    Array.from({ length: count }, (_, i) => ({
      lat: lat + (random() - 0.5) * 2 * spread,
      lng: lng + (random() - 0.5) * 2 * spread,
      weight: Math.max(1, Math.round((riders / count) * 4 * random())),
      label: `配送等单点 ${i + 1}`,
    })),
  );
  const set = await insertPointSet(tx.db, { org_id: orgId, name: '信州区外卖骑手等单热点（演示）', source: 'demo' });
  await insertPoints(tx.db, set.id, points);
  const run = await insertRun(tx.db, { org_id: orgId, source: 'set', set_id: set.id, created_by: null });
  await setRunJob(tx.db, run.id, await enqueueJob(tx, coverageJob, { run_id: run.id }, { orgId }));
}
