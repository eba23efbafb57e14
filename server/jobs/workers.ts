import type { AppDeps } from '../http/context';
import { FEATURES } from '../features';
import type { JobDefinition } from './job';
import { createRunner, type Runner, type RunnerOptions } from './runner';

/** Every feature's jobs (Feature.jobs), as the registry lists them. */
export function registeredJobs(): JobDefinition[] {
  return FEATURES.flatMap((f) => f.jobs ?? []);
}

/**
 * Starts this node's workers over every registered job (main.ts after listen, or worker.ts);
 * `stop()` them before closing the database. With no workers (WORKERS=0) it returns null.
 */
export function startWorkers(deps: AppDeps, options: RunnerOptions & { concurrency: number }): Runner | null {
  if (options.concurrency <= 0) return null;
  const runner = createRunner(deps, registeredJobs(), options);
  runner.start();
  return runner;
}
