/**
 * `npm run bench:case-intake`: the H5 intake (POST /api/v1/cases) under concurrent clients, each
 * request with its own Idempotency-Key, and a share of retries repeating a key already answered
 * (a client that lost the answer): every retry must answer the same case, and the cases table
 * must hold exactly one row per key (checked; the bench fails otherwise). The trivial route
 * (GET /api/v1/ping) is driven the same way in the same run; throughput and p95 are reported as
 * ratios to it (DESIGN.md §7). The app is built with the test configuration (demo: the one-time
 * code comes back in the answer of POST /otp, as public.test.ts gets it), the rate limiter in the
 * pipeline but never tripping; the load generator runs in the same process over loopback HTTP.
 * On PostgreSQL (a database of its own on BENCH_DATABASE_URL's server, dropped after) or, without
 * it, on an on-disk PGlite.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:case-intake
 *   npm run bench:case-intake          (PGlite)
 *
 * Knobs: BENCH_INTAKE_CASES (1000), BENCH_INTAKE_CLIENTS (16), BENCH_INTAKE_RETRIES (0.2: retries
 * per case), BENCH_INTAKE_NO_ROLLUP=1 (the roll-up's insert trigger off, for comparison). Writes
 * bench/results/case-intake-<engine>.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { buildApp } from '../server/app';
import { openDatabase, type Database } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { createDeps } from '../server/deps';
import { createConsoleSmsSender } from '../server/lib/sms';
import { testConfig } from '../server/testing/test-app';
import { createDatabase } from './database';
import { generateTree } from './generate-tree';
import { seededRandom } from './random';

const CASES = Number(process.env.BENCH_INTAKE_CASES ?? 1000);
const CLIENTS = Number(process.env.BENCH_INTAKE_CLIENTS ?? 16);
const RETRIES = Number(process.env.BENCH_INTAKE_RETRIES ?? 0.2);
const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const round = (x: number) => Math.round(x * 10) / 10;

async function open(): Promise<{ database: Database; engine: 'postgres' | 'pglite'; done: () => Promise<void> }> {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (adminUrl) {
    const created = await createDatabase(adminUrl);
    const database = await openDatabase({ kind: 'postgres', url: created.url });
    return {
      database,
      engine: 'postgres',
      done: async () => {
        await database.close();
        await created.drop();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'gonghui-intake-'));
  const database = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pg') });
  return {
    database,
    engine: 'pglite',
    done: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `n` jobs over `clients` concurrent loops; each job's latency in ms, and the wall time. */
async function drive<T>(n: number, clients: number, job: (i: number) => Promise<T>) {
  const ms: number[] = [];
  const out: T[] = new Array(n);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < n; i = next++) {
        const s = performance.now();
        out[i] = await job(i);
        ms.push(performance.now() - s);
      }
    }),
  );
  const wall = performance.now() - t0;
  return { out, ms, rps: n / (wall / 1000), p50: quantile(ms, 0.5), p95: quantile(ms, 0.95) };
}

async function main(): Promise<void> {
  const { database, engine, done } = await open();
  try {
    await migrate(database.pool);
    await generateTree(database.db, { streetsPerCounty: 2, enterprisesPerStreet: 2 });
    // BENCH_INTAKE_NO_ROLLUP=1: the figures' roll-up trigger off, to see what it costs an intake.
    if (process.env.BENCH_INTAKE_NO_ROLLUP === '1')
      await sql`ALTER TABLE cases DISABLE TRIGGER case_figures_insert`.execute(database.db);
    // All clients share one loopback address: the per-address limits would stop them (their cost stays).
    const base = testConfig();
    const config = testConfig({
      demo: true,
      rateLimit: { global: 1_000_000_000, auth: 1_000_000_000 },
      otp: { ...base.otp, perAddressPerMin: 1_000_000_000 },
    });
    const deps = await createDeps(config, database.db, { sms: createConsoleSmsSender(() => {}) });
    const app = await buildApp(deps);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');
    const origin = `http://127.0.0.1:${address.port}`;
    const headers = { 'content-type': 'application/json', 'x-requested-with': 'gonghui', origin };
    const post = (path: string, body: unknown, extra: Record<string, string> = {}) =>
      fetch(`${origin}/api/v1${path}`, {
        method: 'POST',
        headers: { ...headers, ...extra },
        body: JSON.stringify(body),
      });

    // Each case's phone gets its code first (not timed: the H5 asks for it before the form is sent).
    const phones = Array.from({ length: CASES }, (_, i) => `136${String(10_000_000 + i).slice(-8)}`);
    const codes = await drive(CASES, CLIENTS, async (i) => {
      const res = await post('/otp', { phone: phones[i], purpose: 'case' });
      if (res.status !== 200) throw new Error(`POST /otp: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { dev_code: string }).dev_code;
    });
    const bodies = phones.map((phone, i) => ({
      kind: 'complaint',
      subject: 'wage_arrears',
      description: `压测：宿迁某快递站拖欠工资三个月，第 ${i} 份诉求。`,
      name: '王小明',
      employer: '宿迁市洋河物流有限公司',
      wage_claimed_fen: 1_200_000,
      region_code: '321302',
      phone,
      otp: codes.out[i],
    }));
    const keys = phones.map((_, i) => `bench-intake-${process.pid}-${i}`);

    // The order of the run: every case once, and after the first tenth, retries of keys answered already.
    const { random } = seededRandom(11);
    type Job = { i: number; retry: boolean };
    const jobs: Job[] = [];
    for (let i = 0; i < CASES; i++) {
      jobs.push({ i, retry: false });
      if (i > CASES / 10 && random() < RETRIES) jobs.push({ i: Math.floor(random() * (i - CASES / 20)), retry: true });
    }
    const answered = new Map<number, string>();
    const mixed = await drive(jobs.length, CLIENTS, async (n) => {
      const job = jobs[n]!;
      const res = await post('/cases', bodies[job.i], { 'idempotency-key': keys[job.i]! });
      const text = await res.text();
      if (res.status !== 201) throw new Error(`POST /cases ${job.retry ? '(retry)' : ''}: ${res.status} ${text}`);
      return { job, tracking: (JSON.parse(text) as { tracking_no: string }).tracking_no };
    });
    let retries = 0;
    for (const { job, tracking } of mixed.out.filter((r) => !r.job.retry)) answered.set(job.i, tracking);
    for (const { job, tracking } of mixed.out.filter((r) => r.job.retry)) {
      retries++;
      if (answered.get(job.i) !== tracking)
        throw new Error(`a retry of case ${job.i} answered ${tracking}, the first answer ${answered.get(job.i)}`);
    }
    const rows = await database.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(rows.n) !== CASES || new Set(answered.values()).size !== CASES)
      throw new Error(`${CASES} keys made ${rows.n} case rows (${answered.size} answered)`);

    const trivial = await drive(jobs.length, CLIENTS, async () => {
      const res = await fetch(`${origin}/api/v1/ping`);
      await res.text();
      if (res.status !== 200) throw new Error(`GET /ping: ${res.status}`);
    });
    await app.close();

    const report = {
      at: new Date().toISOString(),
      node: process.version,
      engine,
      rollup_trigger: process.env.BENCH_INTAKE_NO_ROLLUP !== '1',
      clients: CLIENTS,
      cases: CASES,
      retries,
      case_rows: Number(rows.n),
      intake: { rps: round(mixed.rps), p50_ms: round(mixed.p50), p95_ms: round(mixed.p95) },
      trivial: { rps: round(trivial.rps), p50_ms: round(trivial.p50), p95_ms: round(trivial.p95) },
      rps_ratio: Math.round((mixed.rps / trivial.rps) * 1000) / 1000,
      p95_ratio: round(mixed.p95 / trivial.p95),
    };
    console.log(JSON.stringify(report, null, 2));
    console.log(
      `\n| ${engine} | ${CASES} cases + ${retries} retries, ${CLIENTS} clients | ${report.intake.rps} req/s (${report.rps_ratio} of trivial ${report.trivial.rps}) | p95 ${report.intake.p95_ms} ms (${report.p95_ratio}× trivial ${report.trivial.p95_ms} ms) | ${report.case_rows} rows |`,
    );
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(`${RESULTS}case-intake-${engine}.json`, JSON.stringify(report, null, 2) + '\n');
  } finally {
    await done();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
