import type { Feature } from '../../http/feature';
import { housekeepingJob } from './housekeeping';
import { systemRoutes } from './routes';

export const systemFeature: Feature = { name: 'system', routes: systemRoutes, jobs: [housekeepingJob] };
