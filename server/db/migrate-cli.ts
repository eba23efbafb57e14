import { openConfiguredDatabase } from './database';
import { migrate } from './migrate';
import { loadConfig } from '../env';

/** `npm run migrate`: applies pending migrations and says which. */
const config = loadConfig();
const database = await openConfiguredDatabase(config);
try {
  const applied = await migrate(database.pool);
  process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Up to date.\n');
} finally {
  await database.close();
}
