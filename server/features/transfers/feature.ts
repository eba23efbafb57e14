import type { Feature } from '../../http/feature';
import { autoAcceptJob } from './auto-accept';
import { transferNoticeJob } from './notify';
import { transferRoutes } from './routes';
import { seedDemoTransfers } from './seed';

/** 会籍接转 (DESIGN.md §4.5): transfers that follow the worker, answered in 10 working days or accepted automatically. */
export const transfersFeature: Feature = {
  name: 'transfers',
  routes: transferRoutes,
  jobs: [autoAcceptJob, transferNoticeJob],
  seedDemo: seedDemoTransfers,
};
