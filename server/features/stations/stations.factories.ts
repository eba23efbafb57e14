import type { Insertable } from 'kysely';
import type { StationsTable } from '../../db/schema';
import type { TestApp } from '../../testing/test-app';
import { insertStations } from './sql';

let counter = 0;

/** A station (open, 24/7, in 信州区 unless told otherwise) owned by `orgId`. */
export async function buildStation(
  t: TestApp,
  orgId: number,
  fields: Partial<Insertable<StationsTable>> = {},
): Promise<{ id: number }> {
  counter++;
  const [row] = await insertStations(t.db, [
    {
      org_id: orgId,
      kind: 'outdoor_worker',
      name: `测试驿站${counter}`,
      address: `信州区测试路 ${counter} 号`,
      region_code: '361102',
      lat: 28.45,
      lng: 117.95,
      opening_hours: '24/7',
      ...fields,
    },
  ]);
  return row!;
}
