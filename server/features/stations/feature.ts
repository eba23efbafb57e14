import type { Feature } from '../../http/feature';
import { stationFeedRoutes } from './feed-routes';
import { registerExportRoutes } from '../imports/export-routes';
import { registerImportRoutes } from '../imports/routes';
import { stationFileKinds } from './photos';
import { registryRoutes } from './registry-routes';
import { stationRoutes } from './routes';
import { seedDemoStations } from './seed';
import { createStationIndex } from './station-index';
import { stationExportKind } from './station-export';
import { stationImportKind } from './station-import';

/** 工会驿站 (DESIGN.md §2 C): the registry and the nearest-open search; the index is each node's (ADR 0016). */
export const stationsFeature: Feature = {
  name: 'stations',
  fileKinds: stationFileKinds,
  importKinds: [stationImportKind],
  routes(app) {
    stationRoutes(app);
    stationFeedRoutes(app);
    registryRoutes(app);
    registerImportRoutes(app, stationImportKind);
    registerExportRoutes(app, stationExportKind);
  },
  createState: ({ db }) => ({ stations: createStationIndex(db) }),
  // The index's recheck timer and NOTIFY subscription would otherwise outlive the app (and hold its database).
  stopState: (state) => state.stations.stop(),
  seedDemo: seedDemoStations,
};
