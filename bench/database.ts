import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../server/db/database';

/** Creates an empty database on the server named by `url`; returns its URL and a drop. */
export async function createDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `gonghui_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * The database a forked bench server runs on: PostgreSQL at BENCH_DB_URL (the parent made it),
 * else PGlite on disk in a temporary folder (like `npm start`; PGlite keeps its pages in WASM
 * memory either way), removed by `cleanup`.
 */
export async function openBenchDatabase(prefix: string): Promise<{ database: Database; cleanup: () => void }> {
  const url = process.env.BENCH_DB_URL;
  if (url) return { database: await openDatabase({ kind: 'postgres', url }), cleanup: () => {} };
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    database: await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pg') }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
