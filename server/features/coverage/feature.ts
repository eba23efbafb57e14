import type { Feature } from '../../http/feature';
import { registerImportRoutes } from '../imports/routes';
import { coverageJob } from './job';
import { demandPointsImportKind } from './points-import';
import { coverageRoutes } from './routes';
import { seedDemoCoverage } from './seed';

/** 覆盖分析 (issue 8 item 6): the 1 km / 15-minute service circle against demand, with gaps and suggested sites. */
export const coverageFeature: Feature = {
  name: 'coverage',
  jobs: [coverageJob],
  importKinds: [demandPointsImportKind],
  routes(app) {
    coverageRoutes(app);
    registerImportRoutes(app, demandPointsImportKind);
  },
  seedDemo: seedDemoCoverage,
};
