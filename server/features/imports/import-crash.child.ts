/**
 * Test code: the process import-crash.test.ts starts and kills. It opens the test's database
 * (a PostgreSQL URL, or a PGlite data directory on disk) and runs one roster import in small
 * batches, telling the parent over IPC the checkpoint each committed batch left in the database.
 *
 *   node --import tsx import-crash.child.ts <postgres|pglite> <url|data dir> <import id> <batch size>
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../db/database';
import { createDeps } from '../../deps';
import { systemContext } from '../../http/context';
import { testConfig } from '../../testing/test-app';
import { rosterImportKind } from '../members/roster-import';
import { runImport } from './run-import';
import { findImport } from './sql';

export interface CrashChildMessage {
  checkpoint_row: number;
  status: string;
}

async function main(): Promise<void> {
  const [engine, target, importId, batchSize] = process.argv.slice(2) as [string, string, string, string];
  const database =
    engine === 'postgres'
      ? await openDatabase({ kind: 'postgres', url: target, max: 2 })
      : await openDatabase({ kind: 'pglite', dataDir: target });
  const deps = await createDeps(
    testConfig({ dataDir: mkdtempSync(join(tmpdir(), 'gonghui-crash-child-')) }),
    database.db,
  );
  const id = Number(importId);
  const tell = async () => {
    // Between two batches (progress is reported once a batch has committed): nothing is in flight.
    const imp = (await findImport(database.db, id))!;
    process.send!({ checkpoint_row: imp.checkpoint_row, status: imp.status } satisfies CrashChildMessage);
  };
  await runImport(systemContext(deps), rosterImportKind, id, {
    batchSize: Number(batchSize),
    maxRows: 100_000,
    progress: tell,
  });
  await tell();
  await database.close();
  process.disconnect();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
