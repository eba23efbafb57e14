/**
 * `npm run bench:joins`: 码上入会 under load (issue 7), end to end over HTTP as the H5 does it: a
 * one-time code asked for (`POST /otp`, the code read from the demo answer), then `POST /join` with
 * an `Idempotency-Key`, into a union that approves at once (so every join writes the application,
 * the member and the idempotency record in one transaction). Then the same joins sent again with
 * their keys (a weak signal's retries), which must answer the first answer without writing. The
 * reference is the trivial route driven by the same client at the same concurrency, in the same
 * run. PGlite (on disk in a temp dir) always; PostgreSQL too when BENCH_DATABASE_URL names a server.
 *
 *   npm run bench:joins
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:joins
 *
 * Knobs: BENCH_JOINS (2000), BENCH_CONCURRENCY (10). Writes bench/results/joins.json.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testIdNumber } from '../common/id-number';
import { formatOrgCode } from '../common/org-code';
import { buildApp } from '../server/app';
import { openDatabase, type Database } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { createDeps } from '../server/deps';
import { createConsoleSmsSender } from '../server/lib/sms';
import { testConfig } from '../server/testing/test-app';
import { createDatabase } from './database';
import { generateTree } from './generate-tree';

const N = Number(process.env.BENCH_JOINS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));
const HEADERS = { 'content-type': 'application/json', 'x-requested-with': 'gonghui' };

/** Runs `work(i)` for i in [0, n) on `concurrency` lanes; answers the seconds it took. */
async function lanes(n: number, concurrency: number, work: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < n; i = next++) await work(i);
    }),
  );
  return (performance.now() - t0) / 1000;
}

async function expectStatus(res: Response, status: number, what: string): Promise<unknown> {
  const body = await res.text();
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${body}`);
  return body ? JSON.parse(body) : null;
}

async function measure(database: Database) {
  await migrate(database.pool);
  const tree = await generateTree(database.db, { streetsPerCounty: 1, enterprisesPerStreet: 1 });
  const union = tree.counties.get('321302')!.enterprises[0]!;
  await database.db.insertInto('join_settings').values({ org_id: union.id, auto_approve: true }).execute();
  // Demo mode answers the one-time code; the limits stay in the pipeline but never trip.
  const config = testConfig({
    demo: true,
    rateLimit: { global: 1_000_000_000, auth: 1_000_000_000 },
    otp: { perAddressPerMin: 1_000_000_000, addressFailuresMax: 1_000_000_000, addressWindowMinutes: 10 },
  });
  const app = await buildApp(await createDeps(config, database.db, { sms: createConsoleSmsSender(() => {}) }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  const base = `http://127.0.0.1:${address.port}/api/v1`;
  try {
    // Warm up, then the reference: the trivial route, same client, same lanes.
    await lanes(500, CONCURRENCY, async () => void (await expectStatus(await fetch(`${base}/ping`), 200, 'ping')));
    const pingSeconds = await lanes(N * 2, CONCURRENCY, async () => {
      await expectStatus(await fetch(`${base}/ping`), 200, 'ping');
    });

    const code = formatOrgCode(union.id);
    const sent: Array<{ key: string; body: string; answer: string }> = [];
    const joinSeconds = await lanes(N, CONCURRENCY, async (i) => {
      const phone = `137${String(i).padStart(8, '0')}`;
      const otp = (await expectStatus(
        await fetch(`${base}/otp`, {
          method: 'POST',
          headers: HEADERS,
          body: JSON.stringify({ phone, purpose: 'join' }),
        }),
        200,
        'otp',
      )) as { dev_code: string };
      const body = JSON.stringify({
        name: '压测职工',
        id_number: testIdNumber(
          `${1970 + (i % 35)}-03-15`,
          Math.floor(i / 10000),
          `99${String(i % 10000).padStart(4, '0')}`,
        ),
        phone,
        otp: otp.dev_code,
        org_code: code,
        occupation: 'delivery_rider',
        consent: true,
      });
      const key = randomUUID();
      const answer = (await expectStatus(
        await fetch(`${base}/join`, { method: 'POST', headers: { ...HEADERS, 'idempotency-key': key }, body }),
        201,
        'join',
      )) as { status: string; member_no?: string };
      if (answer.status !== 'approved' || !answer.member_no) throw new Error(`join answered ${JSON.stringify(answer)}`);
      sent[i] = { key, body, answer: JSON.stringify(answer) };
    });

    // The same joins again with their keys: the stored answer, nothing written twice.
    const replaySeconds = await lanes(N, CONCURRENCY, async (i) => {
      const { key, body, answer } = sent[i]!;
      const again = await expectStatus(
        await fetch(`${base}/join`, { method: 'POST', headers: { ...HEADERS, 'idempotency-key': key }, body }),
        201,
        'replay',
      );
      if (JSON.stringify(again) !== answer) throw new Error('a replay answered differently');
    });
    const members = await database.db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(members.n) !== N) throw new Error(`${members.n} members after ${N} joins and their replays`);

    const pingRps = (N * 2) / pingSeconds;
    return {
      engine: database.kind,
      joins: N,
      concurrency: CONCURRENCY,
      trivial_rps: pingRps,
      joins_per_s: N / joinSeconds,
      // A join is two requests (the code, then the join): its requests/s against the trivial route's.
      join_requests_ratio: (2 * N) / joinSeconds / pingRps,
      replays_per_s: N / replaySeconds,
      replay_ratio: N / replaySeconds / pingRps,
    };
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  const results = [];
  const dir = mkdtempSync(join(tmpdir(), 'gonghui-bench-joins-'));
  try {
    const lite = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pg') });
    try {
      results.push(await measure(lite));
    } finally {
      await lite.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (adminUrl) {
    const created = await createDatabase(adminUrl);
    const pg = await openDatabase({ kind: 'postgres', url: created.url });
    try {
      results.push(await measure(pg));
    } finally {
      await pg.close();
      await created.drop();
    }
  }
  console.log(
    '\n| engine | joins | lanes | trivial req/s | joins/s | join requests ÷ trivial | replays/s | replay ÷ trivial |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results)
    console.log(
      `| ${r.engine} | ${r.joins} | ${r.concurrency} | ${Math.round(r.trivial_rps)} | ${r.joins_per_s.toFixed(0)} | ${(r.join_requests_ratio * 100).toFixed(1)}% | ${r.replays_per_s.toFixed(0)} | ${(r.replay_ratio * 100).toFixed(1)}% |`,
    );
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(`${RESULTS}joins.json`, JSON.stringify({ date: new Date().toISOString(), results }, null, 2) + '\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
