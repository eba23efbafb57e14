import type { Feature } from '../../http/feature';
import { housekeepingJob } from './housekeeping';
import { rekeyJob } from './rekey';
import { systemRoutes } from './routes';

export const systemFeature: Feature = {
  name: 'system',
  routes: systemRoutes,
  createState: (_deps, features) => ({ system: { sealed: features.flatMap((f) => f.sealedColumns ?? []) } }),
  jobs: [housekeepingJob, rekeyJob],
};
