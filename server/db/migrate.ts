import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Migration files in name order; names are timestamps, so order is history. */
export function listMigrations(): Array<{ name: string; sql: string }> {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(MIGRATIONS_DIR + name, 'utf8') }));
}

/**
 * Applies pending migrations, each in its own transaction. An advisory lock keeps two app
 * nodes starting together from racing. Returns the names applied.
 */
export async function migrate(pool: pg.Pool): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock(7261001)');
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set(
      (await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name),
    );
    for (const m of listMigrations()) {
      if (done.has(m.name)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name]);
        await client.query('COMMIT');
        applied.push(m.name);
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`);
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(7261001)').catch(() => {});
    client.release();
  }
  return applied;
}

/**
 * Gives the runtime role (the user of DATABASE_URL) what the app needs and nothing more
 * (DESIGN.md §7): read and write the app's tables, but only read and append `audit_log`, and
 * own nothing, so it can neither disable the audit log's triggers nor drop them. Idempotent;
 * run by the owner after every migration, so new tables are granted too. Refuses a runtime
 * role that owns a table, the database (its owner owns the schema and may drop any table in
 * it) or is a superuser: grants would not bind it.
 */
export async function grantRuntimeRole(client: pg.ClientBase, role: string): Promise<void> {
  const owned = await client.query<{ what: string }>(
    `SELECT 'superuser' AS what FROM pg_roles WHERE rolname = $1 AND rolsuper
     UNION ALL SELECT 'database ' || datname FROM pg_database
       WHERE datname = current_database() AND pg_get_userbyid(datdba) = $1
     UNION ALL SELECT 'schema public' FROM pg_namespace WHERE nspname = 'public' AND pg_get_userbyid(nspowner) = $1
     UNION ALL SELECT 'table ' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) = $1`,
    [role],
  );
  if (owned.rows.length > 0)
    throw new Error(
      `the runtime role ${role} must own nothing and not be a superuser, but it is or owns: ${owned.rows
        .map((r) => r.what)
        .slice(0, 5)
        .join(', ')}. Transfer them to the migration role (ALTER … OWNER TO / REASSIGN OWNED BY ${role} TO <owner>).`,
    );
  const r = client.escapeIdentifier(role);
  await client.query('BEGIN');
  try {
    await client.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
    await client.query(`REVOKE CREATE ON SCHEMA public FROM ${r}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
    await client.query(`REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${r}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
    for (const table of RUNTIME_APPEND_ONLY) await client.query(`REVOKE UPDATE, DELETE ON ${table} FROM ${r}`);
    for (const table of RUNTIME_READ_ONLY) await client.query(`REVOKE INSERT, UPDATE, DELETE ON ${table} FROM ${r}`);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}

/** Tables the runtime role may read and append to, never change. */
const RUNTIME_APPEND_ONLY = ['audit_log'];
/** Tables only migrations write. */
const RUNTIME_READ_ONLY = ['schema_migrations', 'audit_chain_head'];

/** The user name of a PostgreSQL URL. */
function userOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/**
 * Migrates as the owner: over MIGRATION_DATABASE_URL when it is set (then grants the runtime
 * role, DATABASE_URL's user, its share), else over the app's own pool (embedded PGlite, or a
 * deployment that has not separated the roles yet). Returns the migrations applied.
 */
export async function migrateAsOwner(
  config: { databaseUrl?: string; migrationDatabaseUrl?: string },
  pool: pg.Pool,
): Promise<string[]> {
  if (!config.migrationDatabaseUrl || !config.databaseUrl) return migrate(pool);
  const ownerPool = new pg.Pool({ connectionString: config.migrationDatabaseUrl, max: 1 });
  try {
    const applied = await migrate(ownerPool);
    const runtime = userOf(config.databaseUrl);
    if (runtime && runtime !== userOf(config.migrationDatabaseUrl)) {
      const client = await ownerPool.connect();
      try {
        await grantRuntimeRole(client, runtime);
      } finally {
        client.release();
      }
    }
    return applied;
  } finally {
    await ownerPool.end();
  }
}
