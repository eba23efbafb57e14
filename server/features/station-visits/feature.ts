import type { Feature } from '../../http/feature';
import { registerExportRoutes } from '../imports/export-routes';
import { visitCountsExportKind } from './export';
import { stationVisitFileKinds } from './files';
import { stationVisitRoutes } from './routes';
import { seedDemoStationVisits } from './seed';

/**
 * A station's visits (打卡), ratings and problem reports (DESIGN.md §2 C, issue 8 items 4–5). Reads
 * the stations feature's `stations`; writes station_visits, station_reviews and station_problems.
 */
export const stationVisitsFeature: Feature = {
  name: 'station-visits',
  routes(app) {
    stationVisitRoutes(app);
    registerExportRoutes(app, visitCountsExportKind);
  },
  fileKinds: stationVisitFileKinds,
  seedDemo: seedDemoStationVisits,
  sealedColumns: [
    { table: 'station_reviews', key: ['id'], columns: ['comment_enc'] },
    { table: 'station_problems', key: ['id'], columns: ['contact_phone_enc'] },
  ],
};
