import type { Feature } from '../../http/feature';
import { jobRoutes } from './routes';

/**
 * The job runs: their tables (jobs, job_schedules), enqueueJob for every feature (enqueue.ts),
 * the runs' life as the workers in server/jobs/ drive it (lifecycle.ts) and the console's API.
 */
export const jobsFeature: Feature = { name: 'jobs', routes: jobRoutes };
