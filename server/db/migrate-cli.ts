import { openConfiguredDatabase } from './database';
import { migrateAsOwner } from './migrate';
import { loadConfig } from '../env';

/** `npm run migrate`: applies pending migrations and says which. */
const config = loadConfig();
const database = await openConfiguredDatabase(config);
try {
  const applied = await migrateAsOwner(config, database.pool);
  process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Up to date.\n');
} finally {
  await database.close();
}
