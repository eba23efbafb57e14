import { join } from 'node:path';
import { openDatabase } from '../database';
import { migrate } from '../migrate';
import { loadConfig } from '../../env';
import { isDatabaseEmpty, seedDemo } from './demo';

/** `npm run seed:demo`: seeds the demo into an empty database (embedded or DATABASE_URL). */
const config = loadConfig({ ...process.env, GONGHUI_DEMO: process.env.GONGHUI_DEMO ?? '1' });
const database = await openDatabase(
  config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'pglite', dataDir: join(config.dataDir, 'pg') },
);
try {
  await migrate(database.pool);
  if (!(await isDatabaseEmpty(database.db))) {
    process.stdout.write('The database already has orgs; the demo is seeded only into an empty database.\n');
  } else {
    const { orgs, accounts } = await seedDemo(database.db);
    process.stdout.write(`Seeded ${orgs} orgs and ${accounts} demo accounts.\n`);
  }
} finally {
  await database.close();
}
