/**
 * `npm run bench:case-intake`: the H5 intake (POST /api/v1/cases) under concurrent clients, each
 * request with its own Idempotency-Key, and a share of retries repeating a key already answered
 * (a client that lost the answer): every retry must answer the same case, and the cases table
 * must hold exactly one row per key (checked; the bench fails otherwise). The trivial route
 * (GET /api/v1/ping) is driven the same way in the same run; throughput and p95 are reported as
 * ratios to it (DESIGN.md §7). The app runs in a process of its own (bench/case-intake-server.ts,
 * forked through bench/fork.ts as `npm run bench` does), built with the test configuration (demo:
 * the one-time code comes back in the answer of POST /otp, as public.test.ts gets it), the rate
 * limiter in the pipeline but never tripping; this process is the load generator, over loopback
 * HTTP. Beside wall-clock figures it reports what does not depend on how busy the machine is: the
 * CPU time the server process (and, on PostgreSQL, its backends) spent per intake, and on
 * PostgreSQL what the database's active backends were waiting on (pg_stat_activity sampled every
 * 10 ms during the intake). On PostgreSQL (a database of its own on BENCH_DATABASE_URL's server,
 * dropped after) or, without it, on an on-disk PGlite.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:case-intake
 *   npm run bench:case-intake          (PGlite)
 *
 * Knobs: BENCH_INTAKE_CASES (1000), BENCH_INTAKE_CLIENTS (16), BENCH_INTAKE_RETRIES (0.2: retries
 * per case), BENCH_INTAKE_NO_ROLLUP=1 (the roll-up's insert trigger off, for comparison),
 * BENCH_CPU_PROF_DIR (the server's CPU profile of the timed intake is written there, a .cpuprofile
 * for Chrome DevTools or speedscope).
 * Writes bench/results/case-intake-<engine>.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { IntakeFixture } from './case-intake-server';
import { createDatabase } from './database';
import { forkServer } from './fork';
import { seededRandom } from './random';

const CASES = Number(process.env.BENCH_INTAKE_CASES ?? 1000);
const CLIENTS = Number(process.env.BENCH_INTAKE_CLIENTS ?? 16);
const RETRIES = Number(process.env.BENCH_INTAKE_RETRIES ?? 0.2);
const PROFILE_DIR = process.env.BENCH_CPU_PROF_DIR;
const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const round = (x: number) => Math.round(x * 10) / 10;
const loadAverage = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

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

/** A process's CPU time (user + system) in ms, from /proc; 0 once it is gone. */
function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in USER_HZ (100)
  } catch {
    return 0;
  }
}

/**
 * On PostgreSQL: samples the bench database's backends every 10 ms while `during` runs — what the
 * active ones wait on ('CPU' when on no wait event) — and the CPU time the backends spent.
 */
async function watchPostgres<T>(url: string | undefined, during: () => Promise<T>) {
  if (!url) return { result: await during(), waits: null, backendCpuMs: null };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const database = new URL(url).pathname.slice(1);
  const backends = async () =>
    (
      await client.query<{ pid: number; state: string | null; wait: string | null; query: string }>(
        `SELECT pid, state, wait_event_type || ':' || wait_event AS wait, left(query, 70) AS query FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
        [database],
      )
    ).rows;
  const cpuStart = new Map((await backends()).map((b) => [b.pid, cpuMsOf(b.pid)]));
  const seen = new Set(cpuStart.keys());
  const waits = new Map<string, number>();
  const lockWaits = new Map<string, number>();
  let samples = 0;
  let running = true;
  const sampler = (async () => {
    while (running) {
      for (const b of await backends()) {
        seen.add(b.pid);
        if (b.state !== 'active') continue;
        const key = b.wait ?? 'CPU';
        waits.set(key, (waits.get(key) ?? 0) + 1);
        // Which statement waits for a lock (statements carry placeholders, never values).
        if (b.wait?.startsWith('Lock:')) lockWaits.set(b.query, (lockWaits.get(b.query) ?? 0) + 1);
      }
      samples++;
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const result = await during();
  running = false;
  await sampler;
  const backendCpuMs = [...seen].reduce((n, pid) => n + cpuMsOf(pid) - (cpuStart.get(pid) ?? 0), 0);
  await client.end();
  // Mean active backends per sample in each state: 2.5 means two and a half backends on average.
  const perSample = (counts: Map<string, number>) =>
    Object.fromEntries(
      [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([k, n]) => [k, Math.round((n / samples) * 100) / 100]),
    );
  return {
    result,
    waits: { samples, active_per_sample: perSample(waits), lock_waiters_per_sample: perSample(lockWaits) },
    backendCpuMs,
  };
}

async function main(): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  const created = adminUrl ? await createDatabase(adminUrl) : null;
  let server: Awaited<ReturnType<typeof forkServer<IntakeFixture>>> | undefined;
  try {
    if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
    server = await forkServer<IntakeFixture>(
      fileURLToPath(new URL('./case-intake-server.ts', import.meta.url)),
      created ? { BENCH_DB_URL: created.url } : {},
    );
    const { engine, port } = server.fixture;
    const origin = `http://127.0.0.1:${port}`;
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
    const loadBefore = loadAverage();
    await server.ask('profile-start');
    const serverCpuStart = cpuMsOf(server.pid);
    const watched = await watchPostgres(created?.url, () =>
      drive(jobs.length, CLIENTS, async (n) => {
        const job = jobs[n]!;
        const res = await post('/cases', bodies[job.i], { 'idempotency-key': keys[job.i]! });
        const text = await res.text();
        if (res.status !== 201) throw new Error(`POST /cases ${job.retry ? '(retry)' : ''}: ${res.status} ${text}`);
        return { job, tracking: (JSON.parse(text) as { tracking_no: string }).tracking_no };
      }),
    );
    const serverCpuMs = cpuMsOf(server.pid) - serverCpuStart;
    const profile = await server.ask<string | null>('profile-stop');
    if (profile) console.log(`CPU profile of the intake: ${profile}`);
    const mixed = watched.result;
    let retries = 0;
    for (const { job, tracking } of mixed.out.filter((r) => !r.job.retry)) answered.set(job.i, tracking);
    for (const { job, tracking } of mixed.out.filter((r) => r.job.retry)) {
      retries++;
      if (answered.get(job.i) !== tracking)
        throw new Error(`a retry of case ${job.i} answered ${tracking}, the first answer ${answered.get(job.i)}`);
    }
    const rows = await server.ask<number>('cases');
    if (rows !== CASES || new Set(answered.values()).size !== CASES)
      throw new Error(`${CASES} keys made ${rows} case rows (${answered.size} answered)`);

    const trivialCpuStart = cpuMsOf(server.pid);
    const trivial = await drive(jobs.length, CLIENTS, async () => {
      const res = await fetch(`${origin}/api/v1/ping`);
      await res.text();
      if (res.status !== 200) throw new Error(`GET /ping: ${res.status}`);
    });
    const trivialCpuMs = cpuMsOf(server.pid) - trivialCpuStart;
    const loadAfter = loadAverage();

    const report = {
      at: new Date().toISOString(),
      node: process.version,
      engine,
      server_version: server.fixture.serverVersion,
      rollup_trigger: process.env.BENCH_INTAKE_NO_ROLLUP !== '1',
      clients: CLIENTS,
      cases: CASES,
      retries,
      case_rows: rows,
      load_average: { before: loadBefore, after: loadAfter, cores: os.cpus().length },
      intake: { rps: round(mixed.rps), p50_ms: round(mixed.p50), p95_ms: round(mixed.p95) },
      trivial: { rps: round(trivial.rps), p50_ms: round(trivial.p50), p95_ms: round(trivial.p95) },
      rps_ratio: Math.round((mixed.rps / trivial.rps) * 1000) / 1000,
      p95_ratio: round(mixed.p95 / trivial.p95),
      // CPU per request: the server process (PGlite's database runs in it), the PostgreSQL backends.
      cpu_ms_per_request: {
        server_intake: round(serverCpuMs / jobs.length),
        server_trivial: round(trivialCpuMs / jobs.length),
        postgres_backends_intake: watched.backendCpuMs === null ? null : round(watched.backendCpuMs / jobs.length),
      },
      postgres_waits: watched.waits,
    };
    console.log(JSON.stringify(report, null, 2));
    console.log(
      `\n| ${engine} | ${CASES} cases + ${retries} retries, ${CLIENTS} clients | ${report.intake.rps} req/s (${report.rps_ratio} of trivial ${report.trivial.rps}) | p50 ${report.intake.p50_ms} / p95 ${report.intake.p95_ms} ms (${report.p95_ratio}× trivial ${report.trivial.p95_ms} ms) | ${report.case_rows} rows | load ${loadBefore[0]}→${loadAfter[0]} |`,
    );
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(`${RESULTS}case-intake-${engine}.json`, JSON.stringify(report, null, 2) + '\n');
  } finally {
    await server?.stop();
    await created?.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
