/**
 * `npm run bench`: the stage's HTTP budgets (DESIGN.md §7), measured against the trivial route
 * of the same server in the same run. PGlite by default; PostgreSQL when BENCH_DATABASE_URL
 * names a server (a fresh database is created there and dropped afterwards).
 *
 *   npm run bench
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
 *
 * Knobs: BENCH_ROUNDS (measured 1-s slices per target, 5), BENCH_CONNECTIONS (10), BENCH_STREETS and
 * BENCH_ENTERPRISES (tree shape, 2 and 2 ≈ 20k orgs). Writes bench/results/latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { createDatabase } from './database';
import { forkServer } from './fork';
import { measureInterleaved, probe, sampleLatency, type Comparison, type LatencySample, type Target } from './http';
import type { BenchFixture } from './server';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SLICE_SECONDS = 1;
const WARMUP = 2;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const LATENCY_ROUNDS = 2000;
const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));

/** Forks bench/server.ts and waits for its fixture. */
const startServer = (dbUrl: string | undefined) =>
  forkServer<BenchFixture>(
    fileURLToPath(new URL('./server.ts', import.meta.url)),
    dbUrl ? { BENCH_DB_URL: dbUrl } : {},
  );

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const int = (x: number) => Math.round(x).toLocaleString('en-US');

/** A GET of `path` under /api/v1 that must answer `expectStatus`. */
const get = (name: string, path: string, expectStatus: number, headers?: Record<string, string>): Target => ({
  name,
  path: `/api/v1${path}`,
  expectStatus,
  ...(headers ? { headers } : {}),
});

/**
 * The three scoped reads of one kind of record, as the county cadre: in scope (200, a budget
 * against the trivial route), out of scope and missing (both 404, and as fast as each other).
 */
function scopedReads(
  what: string,
  collection: string,
  ids: { inScopeId: number; outOfScopeId: number; missingId: number },
  headers: Record<string, string>,
) {
  return {
    inScope: get(`${what}, in scope`, `${collection}/${ids.inScopeId}`, 200, headers),
    outOfScope: get(`${what}, out of scope`, `${collection}/${ids.outOfScopeId}`, 404, headers),
    missing: get(`${what}, missing id`, `${collection}/${ids.missingId}`, 404, headers),
  };
}

/** The requests of this stage's budgets, each with the status it must answer and its budget. */
function defineTargets(f: BenchFixture) {
  const county = { cookie: f.county.cookie };
  const national = { cookie: f.nationalCookie };
  const members = f.members;
  const reference = get('trivial route', '/ping', 200);
  const orgs = scopedReads('scoped read', '/orgs', f, county);
  const searchCounty = get('org search, county scope', `/orgs?q=${f.searchQuery}`, 200, county);
  const searchNational = get('org search, national scope', `/orgs?q=${f.searchQuery}`, 200, national);
  const member = scopedReads('member read', '/members', members, county);
  const nearby = get('nearby stations, k=10 open now + 1 amenity', f.stations.nearbyPath, 200);
  const surname = encodeURIComponent('王');
  const memberSearches: Target[] = [
    get('member search 王…, county', `/members?q=${surname}`, 200, county),
    get('member search 王…, national', `/members?q=${surname}`, 200, national),
    get(`member search initials ${members.initials}, county`, `/members?q=${members.initials}`, 200, county),
    get(`member search initials ${members.initials}, national`, `/members?q=${members.initials}`, 200, national),
    {
      name: 'member lookup by ID number, county',
      path: '/api/v1/members/lookup',
      method: 'POST',
      body: JSON.stringify({ id_number: members.lookupIdNumber }),
      expectStatus: 200,
      headers: { ...county, 'x-requested-with': 'gonghui' },
    },
  ];
  const budgets = new Map<string, { text: string; minRatio?: number }>([
    ...[member, orgs].flatMap(
      (reads): Array<[string, { text: string; minRatio?: number }]> => [
        [reads.inScope.name, { text: '≥ 20% of trivial', minRatio: 0.2 }],
        [reads.outOfScope.name, { text: '≈ missing id' }],
        [reads.missing.name, { text: '(the yardstick of the row above)' }],
      ],
    ),
    [nearby.name, { text: '≥ 40% of trivial', minRatio: 0.4 }],
    ...[...memberSearches, searchCounty, searchNational].map((m): [string, { text: string }] => [
      m.name,
      { text: 'tracked (no budget yet)' },
    ]),
  ]);
  return {
    reference,
    inScope: orgs.inScope,
    outOfScope: orgs.outOfScope,
    missing: orgs.missing,
    searchCounty,
    searchNational,
    memberIn: member.inScope,
    memberOut: member.outOfScope,
    memberMissing: member.missing,
    memberSearches,
    nearby,
    targets: [
      nearby,
      orgs.inScope,
      orgs.outOfScope,
      orgs.missing,
      searchCounty,
      searchNational,
      member.inScope,
      member.outOfScope,
      member.missing,
      ...memberSearches,
    ],
    /** Out-of-scope reads and the missing-id reads they must not be told apart from. */
    pairs: [
      [orgs.outOfScope, orgs.missing],
      [member.outOfScope, member.missing],
    ] as Array<[Target, Target]>,
    budgets,
  };
}
type Targets = ReturnType<typeof defineTargets>;

/** Each target answers what it must before it is timed: a 200 that should be a 404 is a leak, not a speed. */
async function checkAnswers(base: string, f: BenchFixture, t: Targets) {
  await probe(base, t.reference);
  const detail = (await probe(base, t.inScope)) as { id: number };
  if (detail.id !== f.inScopeId) throw new Error('in-scope read answered another org');
  await probe(base, t.outOfScope);
  await probe(base, t.missing);
  const member = (await probe(base, t.memberIn)) as { id: number; id_masked: string };
  if (member.id !== f.members.inScopeId) throw new Error('member read answered another member');
  await probe(base, t.memberOut);
  await probe(base, t.memberMissing);
  for (const search of t.memberSearches) {
    const found = ((await probe(base, search)) as { items: Array<{ id: number }> }).items;
    if (found.length === 0) throw new Error(`${search.name} finds nothing`);
  }
  const near = ((await probe(base, t.nearby)) as { items: unknown[] }).items.length;
  if (near !== 10) throw new Error(`the nearby search found ${near} stations, not 10`);
  const countyHits = ((await probe(base, t.searchCounty)) as { items: unknown[] }).items.length;
  const nationalHits = ((await probe(base, t.searchNational)) as { items: unknown[] }).items.length;
  if (countyHits < 1 || nationalHits <= countyHits)
    throw new Error(`search finds ${countyHits} in the county and ${nationalHits} nationally`);
  return { countyHits, nationalHits };
}

/** Load on every target, then the sequential out-of-scope / missing comparison. */
async function measure(base: string, t: Targets) {
  console.log(
    `\nLoad: ${CONNECTIONS} connections; ${WARMUP} s warm-up each, then ${ROUNDS} rounds in which the trivial route and each target take ${SLICE_SECONDS} s turns.`,
  );
  console.log(`  columns: ${[t.reference, ...t.targets].map((x) => x.name).join(' | ')}`);
  const run = await measureInterleaved(
    base,
    t.reference,
    t.targets,
    { rounds: ROUNDS, sliceSeconds: SLICE_SECONDS, warmup: WARMUP, connections: CONNECTIONS },
    console.log,
  );
  const invalid = [run.reference, ...run.comparisons.map((c) => c.target)].filter((m) => m.unexpected > 0);
  if (invalid.length)
    throw new Error(`unexpected answers: ${invalid.map((m) => `${m.name} ×${m.unexpected}`).join(', ')}`);

  const rpsOf = (name: string) => run.comparisons.find((c) => c.target.name === name)!.target.rps;
  const pairs = [];
  for (const [out, gone] of t.pairs) {
    console.log(
      `\nSequential latency of ${out.name} vs ${gone.name}, one keep-alive connection, ${LATENCY_ROUNDS} alternating rounds…`,
    );
    const [outOfScope, missing] = (await sampleLatency(base, [out, gone], LATENCY_ROUNDS)) as [
      LatencySample,
      LatencySample,
    ];
    const rpsRatio = rpsOf(out.name) / rpsOf(gone.name);
    const medianRatio = outOfScope.medianUs / missing.medianUs;
    // "As fast as": the alternating sequential medians within 10% (the sharp test of a timing
    // difference), and throughput under load within 15% (noisier: separate slices).
    const isSameSpeed = Math.abs(medianRatio - 1) <= 0.1 && Math.abs(rpsRatio - 1) <= 0.15;
    pairs.push({ name: out.name, outOfScope, missing, rpsRatio, medianRatio, isSameSpeed });
  }
  return { ...run, sameSpeed: pairs };
}
type Run = Awaited<ReturnType<typeof measure>>;

function verdictOf(t: Targets, run: Run, c: Comparison): string {
  const pair = run.sameSpeed.find((p) => p.name === c.target.name);
  if (pair) return pair.isSameSpeed ? 'met' : 'MISSED';
  const minRatio = t.budgets.get(c.target.name)?.minRatio;
  if (!minRatio) return '—';
  return c.ratio >= minRatio ? 'met' : 'MISSED';
}

function printTable(t: Targets, run: Run): void {
  const ref = run.reference;
  const rows = [
    `| benchmark | request | answers | req/s | × trivial | p50 ms | p99 ms (worst slice) | budget | verdict |`,
    `|---|---|---|---:|---:|---:|---:|---|---|`,
    `| ${ref.name} | \`GET ${ref.path}\` | 200 | ${int(ref.rps)} | 100% | ${ref.latencyMs.p50} | ${ref.latencyMs.p99} | reference | — |`,
    ...run.comparisons.map((c) => {
      const m = c.target;
      return `| ${m.name} | \`GET ${m.path.replace(/^\/api\/v1/, '')}\` | ${m.status} | ${int(m.rps)} | ${pct(c.ratio)} | ${m.latencyMs.p50} | ${m.latencyMs.p99} | ${t.budgets.get(m.name)?.text ?? ''} | ${verdictOf(t, run, c)} |`;
    }),
  ];
  console.log(`\n${rows.join('\n')}\n`);
  for (const s of run.sameSpeed)
    console.log(
      `${s.name} vs missing id: req/s ratio ${s.rpsRatio.toFixed(3)}; sequential median ${s.outOfScope.medianUs.toFixed(0)} µs vs ${s.missing.medianUs.toFixed(0)} µs (ratio ${s.medianRatio.toFixed(3)}), p99 ${s.outOfScope.p99Us.toFixed(0)} µs vs ${s.missing.p99Us.toFixed(0)} µs.`,
    );
}

function writeReport(f: BenchFixture, t: Targets, run: Run, hits: { countyHits: number; nationalHits: number }): void {
  const report = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu_model: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    database: { kind: f.database, version: f.serverVersion },
    tree: { orgs: f.orgs, generate_ms: f.generateMs, county: f.county.name },
    members: { count: f.members.count, generate_ms: f.members.generateMs },
    stations: { count: f.stations.count, generate_ms: f.stations.generateMs },
    load: { rounds: ROUNDS, slice_s: SLICE_SECONDS, warmup_s: WARMUP, connections: CONNECTIONS },
    reference: {
      path: run.reference.path,
      rps: run.reference.rps,
      requests: run.reference.requests,
      latency_ms: run.reference.latencyMs,
    },
    results: run.comparisons.map((c) => ({
      name: c.target.name,
      path: c.target.path,
      status: c.target.status,
      rps: c.target.rps,
      requests: c.target.requests,
      latency_ms: c.target.latencyMs,
      ratio_to_trivial: c.ratio,
      budget: t.budgets.get(c.target.name)?.text ?? null,
      verdict: verdictOf(t, run, c),
    })),
    out_of_scope_vs_missing: run.sameSpeed.map((s) => ({
      target: s.name,
      rps_ratio: s.rpsRatio,
      sequential: { out_of_scope: s.outOfScope, missing: s.missing, median_ratio: s.medianRatio },
      is_same_speed: s.isSameSpeed,
    })),
    search: { query: f.searchQuery, county_hits: hits.countyHits, national_first_page_hits: hits.nationalHits },
  };
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(`${RESULTS}latest.json`, JSON.stringify(report, null, 2) + '\n');
  console.log(`Results written to bench/results/latest.json`);
}

async function main(): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  const created = adminUrl ? await createDatabase(adminUrl) : undefined;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const t0 = performance.now();
    server = await startServer(created?.url);
    const f = server.fixture;
    console.log(
      `# Gonghui benchmark — ${f.database} ${f.serverVersion}, ${int(f.orgs)} orgs (generated in ${(f.generateMs / 1000).toFixed(1)} s), ${int(f.members.count)} members (generated in ${(f.members.generateMs / 1000).toFixed(1)} s); server ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const base = `http://127.0.0.1:${f.port}`;
    const targets = defineTargets(f);
    const hits = await checkAnswers(base, f, targets);
    const run = await measure(base, targets);
    printTable(targets, run);
    console.log(
      `Search "${f.searchQuery}": ${hits.countyHits} hit(s) in the county scope, ${hits.nationalHits} on the national first page.`,
    );
    writeReport(f, targets, run, hits);
  } finally {
    await server?.stop();
    await created?.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
