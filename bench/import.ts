/**
 * `npm run bench:import`: a generated roster of BENCH_IMPORT_ROWS (100,000) rows imported end to
 * end (docs/decisions/0014): the streamed read (a counting pass, then the reading pass), every
 * row validated, ID numbers and phones sealed, duplicates looked up, batches of 1,000 written
 * with their checkpoint. The reference, in the same run on the same engine, is a raw COPY of the
 * same rows as CSV into a table of text columns. Each database is measured in a child process of
 * its own, so its peak RSS is the import's. PGlite (on disk, as `npm start`) always; PostgreSQL
 * too when BENCH_DATABASE_URL names a server (a fresh database is created there and dropped).
 *
 *   npm run bench:import
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:import
 *
 * The server-side COPY reads the CSV from this machine's /tmp: the PostgreSQL server must run here.
 * Each child runs with the app's heap limit (HEAP_MB, 1024 by default, as `npm start` sets it).
 * BENCH_CPU_PROF=<dir> writes each child's CPU profile there. Writes bench/results/import.json.
 */
import { fork } from 'node:child_process';
import {
  chmodSync,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { testIdNumber } from '../common/id-number';
import { openDatabase, type Database } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { createDeps } from '../server/deps';
import { systemContext } from '../server/http/context';
import { DEFAULT_RUN_OPTIONS, runImport } from '../server/features/imports/run-import';
import { insertImport } from '../server/features/imports/sql';
import { rosterImportKind } from '../server/features/members/roster-import';
import { buildWorld } from '../server/features/orgs/orgs.factories';
import { testConfig } from '../server/testing/test-app';
import { createDatabase } from './database';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));
const HEADER = ['姓名', '身份证号', '手机号', '职业', '平台', '工作单位', '所在工会', '入会日期'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平';
const JOBS = ['快递员', '网约车驾驶员', '货车司机', '家政服务员', '企业职工'];
const PLATFORMS = ['顺丰', '滴滴', '美团', '京东', ''];

interface Figures {
  engine: string;
  rows: number;
  importMs: number;
  rowsPerSecond: number;
  copyMs: number;
  copyRowsPerSecond: number;
  ratioToCopy: number;
  /** RSS before the import (the app, the driver, the database's own memory for PGlite). */
  baselineRssMb: number;
  peakRssMb: number;
  written: number;
}

/** Row `i` of the roster: distinct valid test ID numbers (region 99xxxx), phones, names. */
function rosterRow(i: number): string[] {
  const id = testIdNumber(
    `19${70 + (i % 30)}-0${(i % 9) + 1}-1${i % 10}`,
    Math.floor(i / 10_000),
    `99${String(i % 10_000).padStart(4, '0')}`,
  );
  const name = SURNAMES[i % SURNAMES.length]! + GIVEN[Math.floor(i / 20) % GIVEN.length]! + GIVEN[i % GIVEN.length]!;
  return [
    name,
    id,
    `137${String(i).padStart(8, '0')}`,
    JOBS[i % JOBS.length]!,
    PLATFORMS[i % PLATFORMS.length]!,
    '',
    '',
    '2024-03-01',
  ];
}

/** Writes the roster as an xlsx (shared strings, as Excel saves it) and the same rows as CSV. */
async function generate(dir: string): Promise<{ xlsx: string; csv: string }> {
  const xlsx = join(dir, 'roster.xlsx');
  const csv = join(dir, 'roster.csv');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('会员花名册');
  ws.addRow(HEADER).commit();
  const out = createWriteStream(csv);
  for (let i = 0; i < ROWS; i++) {
    const row = rosterRow(i);
    ws.addRow(row).commit();
    if (!out.write(`${row.join(',')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  ws.commit();
  await wb.commit();
  out.end();
  await finished(out);
  chmodSync(dir, 0o755);
  chmodSync(csv, 0o644);
  return { xlsx, csv };
}

const COPY_TABLE = sql`CREATE TABLE bench_copy (name text, id_number text, phone text, occupation text, platform text, employer text, org text, joined_on text)`;

/** The reference: a COPY of the CSV into a table of text columns, on the same engine. */
async function timeCopy(database: Database, csv: string): Promise<number> {
  if (database.kind === 'postgres') {
    await COPY_TABLE.execute(database.db);
    const t0 = performance.now();
    await sql`COPY bench_copy FROM ${sql.lit(csv)} WITH (FORMAT csv)`.execute(database.db);
    return performance.now() - t0;
  }
  // The embedded database's pool has no COPY FROM STDIN: a second PGlite on disk takes the CSV as a blob.
  const dir = mkdtempSync(join(tmpdir(), 'gonghui-bench-copy-'));
  const lite = await PGlite.create(join(dir, 'pg'));
  try {
    await lite.exec(COPY_TABLE.compile(database.db).sql);
    const blob = new Blob([readFileSync(csv)]);
    const t0 = performance.now();
    await lite.query(`COPY bench_copy FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob });
    return performance.now() - t0;
  } finally {
    await lite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** In a child: migrate a fresh database, import the file, COPY the CSV; report the figures. */
async function child(engine: string, xlsx: string, csv: string, url?: string): Promise<Figures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gonghui-bench-import-'));
  const database = url
    ? await openDatabase({ kind: 'postgres', url, max: 5 })
    : await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pg') });
  try {
    await migrate(database.pool);
    const deps = await createDeps(testConfig({ dataDir }), database.db);
    const { county } = await buildWorld(database).then((w) => ({ county: w.sucheng }));
    const id = await insertImport(database.db, {
      kind: rosterImportKind.name,
      org_id: county.id,
      file_path: xlsx,
      original_name: 'roster.xlsx',
      created_by: null,
    });
    const baselineRssMb = process.memoryUsage().rss / 1048576;
    const t0 = performance.now();
    const done = await runImport(systemContext(deps), rosterImportKind, id, DEFAULT_RUN_OPTIONS);
    const importMs = performance.now() - t0;
    // The import's peak, before the reference's COPY (a second PGlite) adds its own memory.
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    if (done.status !== 'done' || done.written_rows !== ROWS)
      throw new Error(`import ended ${done.status} with ${done.written_rows} rows written: ${done.message}`);
    const copyMs = await timeCopy(database, csv);
    return {
      engine,
      rows: ROWS,
      importMs,
      rowsPerSecond: (ROWS / importMs) * 1000,
      copyMs,
      copyRowsPerSecond: (ROWS / copyMs) * 1000,
      ratioToCopy: copyMs / importMs,
      baselineRssMb,
      peakRssMb,
      written: done.written_rows,
    };
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function measureIn(engine: string, xlsx: string, csv: string, url?: string): Promise<Figures> {
  const proc = fork(fileURLToPath(import.meta.url), ['--child', engine, xlsx, csv, url ?? ''], {
    execArgv: [
      // As `npm start` and `npm run worker` run the app (HEAP_MB, 1024 by default).
      `--max-old-space-size=${process.env.HEAP_MB || 1024}`,
      '--import',
      'tsx',
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    proc.once('message', (m: Figures) => resolve(m));
    proc.once('exit', (code) => (code ? reject(new Error(`${engine} measurement exited with ${code}`)) : undefined));
  });
}

const int = (x: number) => Math.round(x).toLocaleString('en-US');

async function main(): Promise<void> {
  if (process.argv[2] === '--child') {
    const [engine, xlsx, csv, url] = process.argv.slice(3) as [string, string, string, string];
    process.send!(await child(engine, xlsx, csv, url || undefined));
    // process.exitCode rather than exit(): a --cpu-prof run writes its profile on a natural exit.
    process.exitCode = 0;
    setTimeout(() => process.exit(0), 2000).unref();
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'gonghui-bench-roster-'));
  try {
    const t0 = performance.now();
    const { xlsx, csv } = await generate(dir);
    console.log(
      `generated ${int(ROWS)} rows: ${(statSync(xlsx).size / 1048576).toFixed(1)} MB xlsx in ${int(performance.now() - t0)} ms`,
    );
    const results: Figures[] = [];
    if (process.env.BENCH_DATABASE_URL) {
      const pg = await createDatabase(process.env.BENCH_DATABASE_URL);
      try {
        results.push(await measureIn('PostgreSQL', xlsx, csv, pg.url));
      } finally {
        await pg.drop();
      }
    }
    results.push(await measureIn('PGlite', xlsx, csv));
    console.log(
      '\n| engine | rows | import | rows/s | raw COPY | COPY rows/s | import ÷ COPY | RSS before | peak RSS |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of results)
      console.log(
        `| ${r.engine} | ${int(r.rows)} | ${(r.importMs / 1000).toFixed(1)} s | ${int(r.rowsPerSecond)} | ${(r.copyMs / 1000).toFixed(2)} s | ${int(r.copyRowsPerSecond)} | ${(r.ratioToCopy * 100).toFixed(1)}% | ${int(r.baselineRssMb)} MB | ${int(r.peakRssMb)} MB |`,
      );
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, 'import.json'), JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
