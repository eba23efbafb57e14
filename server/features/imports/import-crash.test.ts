import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, expect, it } from 'vitest';
import { openDatabase, PGLITE_EXTENSIONS } from '../../db/database';
import { createDeps } from '../../deps';
import { systemContext, type AppDeps } from '../../http/context';
import { PGLITE_TEMPLATE } from '../../testing/template';
import { createTestApp, testConfig } from '../../testing/test-app';
import { buildMember, nextTestIdNumber, wrongCheckCharacter } from '../members/members.factories';
import { sealIdNumber } from '../members/personal';
import { rosterImportKind } from '../members/roster-import';
import { buildWorld } from '../orgs/orgs.factories';
import type { CrashChildMessage } from './import-crash.child';
import { buildXlsx, scratchDir } from './imports.factories';
import { DEFAULT_RUN_OPTIONS, runImport } from './run-import';
import * as q from './sql';

/**
 * A roster import killed with SIGKILL in another process, then resumed here: the way a node dies
 * (OOM killer, power) mid-import. PostgreSQL: the child opens the test's database while this
 * process watches the checkpoint in it. PGlite: a data directory on disk, which one process at a
 * time may open (two would corrupt it; server/db/lock.ts refuses the second), so this process
 * closes it while the child runs, hears the child's committed checkpoints over IPC, and reopens it
 * after the kill: which also shows each batch the child saw commit survived the kill on disk.
 */
const ENGINE = process.env.GONGHUI_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
const CHILD = fileURLToPath(new URL('./import-crash.child.ts', import.meta.url));
const ROWS = 3000;
const BATCH = 50;
const HEADER = ['姓名', '身份证号', '手机号', '职业', '平台', '工作单位', '所在工会', '入会日期'];

interface Store {
  db: AppDeps['db'];
  deps: AppDeps;
  close(): Promise<void>;
}

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

/**
 * The database the child and this process share: `prepare` fills it (the org tree, the members,
 * the import row), then the child gets `target` and this process `open()`s it again after the kill.
 */
async function shareDatabase(
  prepare: (store: Store) => Promise<number>,
): Promise<{ target: string; id: number; open(): Promise<Store> }> {
  if (ENGINE === 'postgres') {
    const t = await createTestApp();
    cleanup.push(() => t.close());
    const store = { db: t.db, deps: t.deps, close: async () => {} };
    return { target: t.databaseUrl!, id: await prepare(store), open: async () => store };
  }
  // Prepared in memory from the tests' template (fast), then written to a data directory on disk
  // that each process opens in turn.
  const dataDir = mkdtempSync(join(tmpdir(), 'gonghui-crash-'));
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const memory = await openDatabase({ kind: 'pglite-memory', loadDataDir: new Blob([readFileSync(PGLITE_TEMPLATE)]) });
  const id = await prepare({
    db: memory.db,
    deps: await createDeps(testConfig({ dataDir }), memory.db),
    close: async () => {},
  });
  const dump = await memory.dumpDataDir!();
  await memory.close();
  const pgDir = join(dataDir, 'pg');
  const lite = await PGlite.create(pgDir, { extensions: PGLITE_EXTENSIONS, loadDataDir: dump });
  await lite.close();
  return {
    target: pgDir,
    id,
    async open() {
      const database = await openDatabase({ kind: 'pglite', dataDir: pgDir });
      const deps = await createDeps(testConfig({ dataDir }), database.db);
      return { db: database.db, deps, close: () => database.close() };
    },
  };
}

it(
  `an import killed mid-way in another process (${ENGINE}) resumes and writes each row exactly once`,
  { timeout: 90_000 },
  async () => {
    // The file: mostly fresh members, with rows the import must report, each kind spread through it.
    const plan = Array.from({ length: ROWS }, (_, i) =>
      i % 101 === 50 ? 'bad' : i % 151 === 75 ? 'inFile' : i % 499 === 200 ? 'registry' : 'fresh',
    );
    const count = (kind: string) => plan.filter((k) => k === kind).length;
    const expected = { fresh: count('fresh'), errors: count('bad') + count('inFile'), registry: count('registry') };
    expect(expected.errors).toBeGreaterThan(40);
    expect(expected.registry).toBeGreaterThan(4);
    const fresh: string[] = [];
    const dir = scratchDir();
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));

    const shared = await shareDatabase(async (store) => {
      const w = await buildWorld(store);
      const known: string[] = [];
      for (const kind of plan) if (kind === 'registry') known.push((await buildMember(store, w.street.id)).idNumber);
      const rows = plan.map((kind, i) => {
        const id =
          kind === 'bad'
            ? wrongCheckCharacter(nextTestIdNumber())
            : kind === 'inFile'
              ? fresh[fresh.length - 1]!
              : kind === 'registry'
                ? known.shift()!
                : nextTestIdNumber();
        if (kind === 'fresh') fresh.push(id);
        return [`崩溃${i}`, id, '', '快递员', '', '', '', ''];
      });
      return q.insertImport(store.db, {
        kind: rosterImportKind.name,
        org_id: w.street.id,
        file_path: await buildXlsx(join(dir, 'crash.xlsx'), [HEADER, ...rows]),
        original_name: 'crash.xlsx',
        created_by: null,
      });
    });
    const { id } = shared;
    // PostgreSQL: open throughout; PGlite: opened again once the child is dead.
    const live = ENGINE === 'postgres' ? await shared.open() : null;

    // The child imports; once a batch has committed (and the import is not done) it is killed.
    const child = fork(CHILD, [ENGINE, shared.target, String(id), String(BATCH)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    let reported = 0;
    const committed = new Promise<void>((resolve) =>
      child.on('message', (m: CrashChildMessage) => {
        reported = Math.max(reported, m.checkpoint_row);
        // PGlite: the child's word is the only view; PostgreSQL: the database is watched below.
        if (ENGINE === 'pglite' && m.checkpoint_row > 0 && m.status === 'running') resolve();
      }),
    );
    const watched = async () => {
      for (;;) {
        const imp = (await q.findImport(live!.db, id))!;
        if (imp.checkpoint_row > 0 && imp.status === 'running') return;
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    const outcome = await Promise.race([
      (ENGINE === 'postgres' ? watched() : committed).then(() => 'mid-way' as const),
      exited.then((e) => `the child ended before a batch was seen: ${JSON.stringify(e)}` as const),
      new Promise<string>((r) => setTimeout(() => r('no batch committed within 60 s'), 60_000).unref()),
    ]);
    if (outcome !== 'mid-way') child.kill('SIGKILL');
    expect(outcome).toBe('mid-way');
    child.kill('SIGKILL');
    expect(await exited).toEqual({ code: null, signal: 'SIGKILL' });

    // What the dead process left: a running import, part-way, with every batch it saw commit.
    const store = live ?? (await shared.open());
    if (!live) cleanup.push(() => store.close());
    const left = (await q.findImport(store.db, id))!;
    expect(left.status).toBe('running');
    expect(left.checkpoint_row).toBeGreaterThan(0);
    expect(left.checkpoint_row).toBeGreaterThanOrEqual(reported);
    expect(left.checkpoint_row).toBeLessThan(ROWS + 1); // row 1 is the header

    // Resumed as the job does after a crash: runImport takes up a 'running' import at its checkpoint.
    const done = await runImport(systemContext(store.deps), rosterImportKind, id, DEFAULT_RUN_OPTIONS);
    expect(done).toMatchObject({
      status: 'done',
      total_rows: ROWS,
      read_rows: ROWS,
      written_rows: expected.fresh,
      error_rows: expected.errors,
      duplicate_rows: expected.registry,
    });
    expect(done.written_rows + done.error_rows + done.duplicate_rows).toBe(ROWS);

    // The error report lists each reported row once (none from the killed batch twice).
    const reportRows = await store.db
      .selectFrom('import_errors')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('row_number').distinct().as('distinct')])
      .where('import_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(reportRows).toEqual({
      n: expected.errors + expected.registry,
      distinct: expected.errors + expected.registry,
    });

    // Each fresh row's member is in the registry, once; nothing else came in by import.
    const imported = await store.db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('channel', '=', 'import')
      .executeTakeFirstOrThrow();
    expect(imported.n).toBe(expected.fresh);
    const hashes = fresh.map((f) => sealIdNumber(store.deps.cipher, f).id_hash);
    let found = 0;
    for (let i = 0; i < hashes.length; i += 1000) {
      const r = await store.db
        .selectFrom('members')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('channel', '=', 'import')
        .where('id_hash', 'in', hashes.slice(i, i + 1000))
        .executeTakeFirstOrThrow();
      found += r.n;
    }
    expect(found).toBe(expected.fresh);
  },
);
