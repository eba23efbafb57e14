import { openConfiguredDatabase } from '../db/database';
import { migrateAsOwner } from '../db/migrate';
import { createDeps } from '../deps';
import { loadConfig } from '../env';
import { isDatabaseEmpty, seedDemo } from './demo';

/** `npm run seed:demo`: seeds the demo into an empty database (embedded or DATABASE_URL). */
const config = loadConfig({ ...process.env, GONGHUI_DEMO: process.env.GONGHUI_DEMO ?? '1' });
const database = await openConfiguredDatabase(config);
try {
  await migrateAsOwner(config, database.pool);
  if (!(await isDatabaseEmpty(database.db))) {
    process.stdout.write('The database already has orgs; the demo is seeded only into an empty database.\n');
  } else {
    const { orgs, accounts } = await seedDemo(await createDeps(config, database.db));
    process.stdout.write(`Seeded ${orgs} orgs and ${accounts} demo accounts.\n`);
  }
} finally {
  await database.close();
}
