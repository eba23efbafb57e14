import { buildPostgresTemplate } from './template';

/** Global setup of the PostgreSQL integration projects (postgres, postgres-isolated): a migrated template database per migration set. */
export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  await buildPostgresTemplate(url);
}
