import { join } from 'node:path';
import { openDatabase } from './database';
import { migrate } from './migrate';
import { loadConfig } from '../env';

/** `npm run migrate`: applies pending migrations and says which. */
const config = loadConfig();
const database = await openDatabase(
  config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'pglite', dataDir: join(config.dataDir, 'pg') },
);
try {
  const applied = await migrate(database.pool);
  process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Up to date.\n');
} finally {
  await database.close();
}
