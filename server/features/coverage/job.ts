import { Type } from '@sinclair/typebox';
import { defineJob } from '../../jobs/job';
import { analyseCoverage, type DemandPoints } from './analyse';
import * as q from './sql';

/** The margin around the demand's box within which stations count (a station just outside still serves it). */
const MARGIN_DEG = 0.02;
/** Up to this many open stations are kept with the result for its map. */
const MAP_STATIONS_MAX = 5000;

/**
 * One coverage run (coverage_runs): reads its demand (the set's points, or the members' unions'
 * places), the open stations around it, analyses (analyse.ts) with progress, and stores the result.
 * Idempotent: a retry recomputes the same result from the same data and overwrites it.
 */
export const coverageJob = defineJob({
  name: 'coverage.analyse',
  payload: Type.Object({ run_id: Type.Integer() }),
  permission: 'stations.manage',
  async run(ctx, { run_id }) {
    const run = await q.findRun(ctx.db, run_id);
    if (!run) return { skipped: '分析已删除' };
    try {
      const org = (await q.findOrgPath(ctx.db, run.org_id))!;
      const children = await q.findChildren(ctx.db, org.path);
      await ctx.progress(5, '读取需求点');
      const points = run.set_id !== null ? await setDemand(ctx.db, run.set_id) : await memberDemand(ctx.db, org.path, children);
      const box = boxOf(points);
      await ctx.progress(15, '读取开放驿站');
      const rows = box ? await q.findOpenStationsIn(ctx.db, box) : [];
      const stations = {
        count: rows.length,
        lat: Float64Array.from(rows, (r) => r.lat),
        lng: Float64Array.from(rows, (r) => r.lng),
      };
      const result = await analyseCoverage(points, stations, {
        groups: children.length,
        signal: ctx.signal,
        onProgress: (done) => ctx.progress(15 + Math.floor(done * 80), '计算覆盖'),
      });
      const groups = result.groups
        .map((g, i) => ({ org_id: children[i]!.id, org_name: children[i]!.name, ...g }))
        .filter((g) => g.points > 0);
      // The stations themselves for the gap map, when few enough to draw (a city's, not a nation's).
      const stationPoints = rows.length <= MAP_STATIONS_MAX ? rows.map((r) => ({ lat: r.lat, lng: r.lng })) : [];
      await q.finishRun(ctx.db, run_id, { ...result, groups, stations: rows.length, station_points: stationPoints });
      return {
        points: result.points,
        within_1km: result.weight ? Math.round((1000 * result.within_1km) / result.weight) / 10 : null,
        suggestions: result.suggestions.length,
      };
    } catch (err) {
      await q.failRun(ctx.db, run_id);
      throw err;
    }
  },
});

async function setDemand(db: Parameters<typeof q.findSetPoints>[0], setId: number): Promise<DemandPoints> {
  const rows = await q.findSetPoints(db, setId);
  return {
    count: rows.length,
    lat: Float64Array.from(rows, (r) => r.lat),
    lng: Float64Array.from(rows, (r) => r.lng),
    weight: Float64Array.from(rows, (r) => r.weight),
    group: new Int32Array(rows.length).fill(-1),
  };
}

async function memberDemand(
  db: Parameters<typeof q.findMemberDemand>[0],
  orgPath: string,
  children: Array<{ path: string }>,
): Promise<DemandPoints> {
  const rows = await q.findMemberDemand(db, orgPath);
  const groupOf = new Map(children.map((c, i) => [c.path, i]));
  return {
    count: rows.length,
    lat: Float64Array.from(rows, (r) => r.lat!),
    lng: Float64Array.from(rows, (r) => r.lng!),
    weight: Float64Array.from(rows, (r) => Number(r.weight)),
    group: Int32Array.from(rows, (r) => groupOf.get(r.group_path) ?? -1),
  };
}

function boxOf(p: DemandPoints) {
  if (p.count === 0) return null;
  let minLat = Infinity;
  let maxLat = -Infinity;
  let minLng = Infinity;
  let maxLng = -Infinity;
  for (let i = 0; i < p.count; i++) {
    minLat = Math.min(minLat, p.lat[i]!);
    maxLat = Math.max(maxLat, p.lat[i]!);
    minLng = Math.min(minLng, p.lng[i]!);
    maxLng = Math.max(maxLng, p.lng[i]!);
  }
  return { minLat: minLat - MARGIN_DEG, maxLat: maxLat + MARGIN_DEG, minLng: minLng - MARGIN_DEG, maxLng: maxLng + MARGIN_DEG };
}
