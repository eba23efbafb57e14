import type { Feature } from '../../http/feature';
import { joinDecisionNoticeJob } from './notify';
import { joinRoutes } from './routes';
import { seedDemoJoins } from './seed';

/** Joining (DESIGN.md §2 B): the public join, the review queue, placement from the holding pool. */
export const joinsFeature: Feature = {
  name: 'joins',
  routes: joinRoutes,
  jobs: [joinDecisionNoticeJob],
  seedDemo: seedDemoJoins,
  sealedColumns: [{ table: 'join_applications', key: ['id'], columns: ['id_enc', 'phone_enc'] }],
};
