import type { Feature } from '../../http/feature';
import { stationFeedRoutes } from './feed-routes';
import { stationRoutes } from './routes';
import { seedDemoStations } from './seed';
import { createStationIndex } from './station-index';

/** 工会驿站 (DESIGN.md §2 C): the registry and the nearest-open search; the index is each node's (ADR 0016). */
export const stationsFeature: Feature = {
  name: 'stations',
  routes: (app) => {
    stationRoutes(app);
    stationFeedRoutes(app);
  },
  createState: ({ db }) => ({ stations: createStationIndex(db) }),
  seedDemo: seedDemoStations,
};
