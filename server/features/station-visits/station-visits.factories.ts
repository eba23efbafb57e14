/** Test code: builds problems straight into a test app's database (product code never imports this). */
import type { Insertable } from 'kysely';
import type { StationProblemsTable } from '../../db/schema';
import type { TestApp } from '../../testing/test-app';
import { insertProblems } from './sql';

/** An open problem at `stationId`. */
export async function buildProblem(
  t: Pick<TestApp, 'db'>,
  stationId: number,
  fields: Partial<Insertable<StationProblemsTable>> = {},
): Promise<{ id: number }> {
  const [row] = await insertProblems(t.db, [
    { station_id: stationId, kind: 'broken_appliance', description: '微波炉坏了', signed_in: false, ...fields },
  ]);
  return row!;
}
