import { openConfiguredDatabase } from './db/database';
import { DataDirLockedError } from './db/lock';
import { migrateAsOwner } from './db/migrate';
import { createDeps } from './deps';
import { ConfigError, loadConfig } from './env';
import { startWorkers } from './jobs/workers';

/**
 * `npm run worker`: a process that runs only the job workers (no HTTP), for production, beside
 * app nodes started with WORKERS=0. It needs PostgreSQL (DATABASE_URL): the embedded database
 * belongs to the one process that holds its lock. WORKERS sets how many runs it works on at once.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl)
    throw new ConfigError(
      'npm run worker needs DATABASE_URL: with the embedded database, `npm start` runs the jobs in its own process',
    );
  const database = await openConfiguredDatabase(config);
  await migrateAsOwner(config, database.pool);
  const deps = await createDeps(config, database.db);
  const log = (message: string, detail: Record<string, unknown>) =>
    process.stderr.write(`${new Date().toISOString()} ${message} ${JSON.stringify(detail)}\n`);
  const workers = startWorkers(deps, { concurrency: Math.max(1, config.workers), log });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    process.stdout.write(`${signal}: finishing or releasing the running jobs\n`);
    await workers?.stop(10_000);
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.stdout.write(
    `Gonghui job worker ${workers?.node} running ${Math.max(1, config.workers)} at a time. Ctrl+C stops.\n`,
  );
}

main().catch((err: unknown) => {
  const known = err instanceof DataDirLockedError || err instanceof ConfigError;
  process.stderr.write(
    `\n✖ ${known ? (err as Error).message : `worker failed: ${(err as Error).stack ?? String(err)}`}\n\n`,
  );
  process.exit(1);
});
