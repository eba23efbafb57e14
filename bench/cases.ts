/**
 * `npm run bench:cases`: the supervision sweep and the case list over 1M open cases on PostgreSQL
 * (issue 9's benchmarks; DESIGN.md §7 "SLA sweep: 1M open cases, overdue set found in ≤ 1 s").
 * A fresh database on the server BENCH_DATABASE_URL names (created, then dropped), the generated
 * tree (≈ 20k orgs) and the generated cases (bench/generate-cases.ts), then:
 * - the overdue set: its count, and the first batch of the 督办 UPDATE's selection (the claim
 *   FOR UPDATE SKIP LOCKED, rolled back), each the median of 5 runs;
 * - the first sweep (sweepCases, every step writing its events) with each step's events/s, then
 *   the same sweep again (nothing left to do: the cost of every 5-minute run) and one 5 minutes on;
 * - the case list as a union sees it: open cases in the scope (party_paths <@ path, the GiST
 *   index), a filter, ORDER BY due_at, id, LIMIT 50, first page or the third by cursor: p50/p95 for
 *   宿迁市 (a city), 江苏 (a province) and the national admin (the root);
 * - the figures (rates.ts) of the same three for the last 30 days, from the daily roll-up
 *   (case_figure_days) as GET /cases/rates reads them, p50/p95 of BENCH_FIGURE_RUNS, each checked
 *   equal to the live sums over the cases (timed once).
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:cases
 *
 * Knobs: BENCH_CASES (1000000), BENCH_LIST_RUNS (200), BENCH_FIGURE_RUNS (200). Writes bench/results/cases.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { createDeps } from '../server/deps';
import { SYSTEM_ACTOR } from '../server/http/actor';
import type { Ctx } from '../server/http/context';
import { listCases, type CaseFilter } from '../server/features/cases/list-sql';
import { sumCaseFigureDays, sumCaseFigures } from '../server/features/cases/figures-sql';
import { dayOfInstant, isoFromDay, startOfDay } from '../common/calendar/days';
import { sweepCases, type SweepResult } from '../server/features/cases/sweep';
import { createConsoleSmsSender } from '../server/lib/sms';
import { testConfig } from '../server/testing/test-app';
import { createDatabase } from './database';
import { generateCases } from './generate-cases';
import { generateTree } from './generate-tree';
import { seededRandom } from './random';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const LIST_RUNS = Number(process.env.BENCH_LIST_RUNS ?? 200);
const FIGURE_RUNS = Number(process.env.BENCH_FIGURE_RUNS ?? 200);
const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));

const round = (ms: number) => Math.round(ms * 10) / 10;
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await work();
  return [out, performance.now() - t0];
}
async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push((await timed(work))[1]);
  return quantile(ms, 0.5);
}

const OPEN = sql`c.category IN ('new', 'dispatched', 'in_progress')`;

/**
 * The case list a union's console asks for, through the engine's own query (sql.ts listCases, as
 * GET /cases runs it): an org admin's four case scopes on the union (intake, dispatch, handle,
 * supervise, as caseScopes gives them), open cases, one filter, most urgent first, keyset on
 * (due_at, id), 50 a page.
 */
function listPage(db: Database['db'], path: string, filter: 'none' | 'kind' | 'category', after?: [Date, number]) {
  const scopes = (['cases.intake', 'cases.dispatch', 'cases.handle', 'cases.supervise'] as const).map((permission) => ({
    permission,
    paths: [path],
  }));
  const f: CaseFilter = { scopes, categories: ['new', 'dispatched', 'in_progress'] };
  if (filter === 'kind') f.kind = 'complaint';
  if (filter === 'category') f.category = 'in_progress';
  return listCases(db, f, 'due', after ? [after[0].toISOString(), after[1]] : undefined, 50);
}

const page2Key = <R>(rows: R[]) => rows[49];

async function measureList(db: Database['db'], scope: string) {
  const { random } = seededRandom(7);
  const filters = ['none', 'kind', 'category'] as const;
  const first: number[] = [];
  const third: number[] = [];
  let rows = 0;
  for (let i = 0; i < LIST_RUNS; i++) {
    const filter = filters[Math.floor(random() * filters.length)]!;
    const [page1, ms1] = await timed(() => listPage(db, scope, filter));
    first.push(ms1);
    rows = Math.max(rows, page1.length);
    const at = (r: { id: number; due_at: Date } | undefined): [Date, number] | undefined =>
      r ? [r.due_at, Number(r.id)] : undefined;
    const page2 = await listPage(db, scope, filter, at(page2Key(page1)));
    const [, ms3] = await timed(() => listPage(db, scope, filter, at(page2Key(page2))));
    third.push(ms3);
  }
  return {
    first_p50_ms: round(quantile(first, 0.5)),
    first_p95_ms: round(quantile(first, 0.95)),
    third_p50_ms: round(quantile(third, 0.5)),
    third_p95_ms: round(quantile(third, 0.95)),
    full_page: rows === 51,
  };
}

async function main(): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl)
    throw new Error('BENCH_DATABASE_URL must name a PostgreSQL server (the bench creates its own database there)');
  const created = await createDatabase(adminUrl);
  const database = await openDatabase({ kind: 'postgres', url: created.url });
  try {
    const db = database.db;
    await migrate(database.pool);
    const tree = await generateTree(db);
    const deps = await createDeps(testConfig(), db, { sms: createConsoleSmsSender(() => {}) });
    const ctx: Ctx = { ...deps, actor: SYSTEM_ACTOR, ip: null };
    const now = new Date();
    const generated = await generateCases(db, deps.cipher, tree, { count: CASES, now });
    console.error(`generated ${CASES} cases in ${Math.round(generated.ms)} ms`);

    const sucheng = tree.counties.get('321302')!.county;
    const cityPath = sucheng.path.split('.').slice(0, -1).join('.');
    const provincePath = sucheng.path.split('.').slice(0, -2).join('.');
    const scopes = { city: cityPath, province: provincePath, national: tree.root.path };

    // The overdue set: its count, and the 督办 UPDATE's first claim (rolled back).
    let overdue = 0;
    const countMs = await median(5, async () => {
      const r = await sql<{
        n: string;
      }>`SELECT count(*) AS n FROM cases c WHERE ${OPEN} AND c.due_at <= ${now}`.execute(db);
      overdue = Number(r.rows[0]!.n);
    });
    const claimMs = await median(5, () =>
      db
        .transaction()
        .execute(async (trx) => {
          await sql`
            SELECT c.id FROM cases c
            WHERE ${OPEN} AND c.due_at <= ${now} AND c.supervised_for IS DISTINCT FROM c.due_at
            ORDER BY c.due_at, c.id LIMIT 500 FOR UPDATE OF c SKIP LOCKED`.execute(trx);
          throw new Error('rollback');
        })
        .catch((err: Error) => {
          if (err.message !== 'rollback') throw err;
        }),
    );

    const sweep = async (at: Date) => {
      const steps: Record<string, { events: number; ms: number; per_s: number | null }> = {};
      const [result, ms] = await timed(() =>
        sweepCases(ctx, {
          now: at,
          onStep: (step, taken, stepMs) =>
            (steps[step] = {
              events: taken,
              ms: round(stepMs),
              per_s: taken ? Math.round(taken / (stepMs / 1000)) : null,
            }),
        }),
      );
      return { total_ms: round(ms), result: result as SweepResult, steps };
    };
    const firstSweep = await sweep(now);
    const idleSweep = await sweep(now);
    const laterSweep = await sweep(new Date(now.getTime() + 5 * 60_000));

    const lists: Record<string, Awaited<ReturnType<typeof measureList>>> = {};
    for (const [name, path] of Object.entries(scopes)) lists[name] = await measureList(db, path);

    // The figures of the last 30 Shanghai days through the roll-up (as GET /cases/rates reads them),
    // each checked equal to the live sums over the cases (and the live sums timed too).
    const today = dayOfInstant(now.getTime());
    const fromDay = today - 29;
    const monthStart = new Date(startOfDay(fromDay));
    const dayEnd = new Date(startOfDay(today + 1));
    const idOf = (path: string) => Number(path.split('.').at(-1));
    const figures: Record<string, { p50_ms: number; p95_ms: number; live_p50_ms: number; cases: number }> = {};
    for (const [name, path] of Object.entries(scopes)) {
      const ms: number[] = [];
      let cases = 0;
      for (let i = 0; i < FIGURE_RUNS; i++) {
        const [f, t] = await timed(() => sumCaseFigureDays(db, idOf(path), isoFromDay(fromDay), isoFromDay(today)));
        ms.push(t);
        cases = f.cases;
      }
      const [live, liveMs] = await timed(() => sumCaseFigures(db, path, monthStart, dayEnd));
      const rolled = await sumCaseFigureDays(db, idOf(path), isoFromDay(fromDay), isoFromDay(today));
      if (JSON.stringify(live) !== JSON.stringify(rolled))
        throw new Error(
          `figures ${name}: the roll-up ${JSON.stringify(rolled)} differs from the live ${JSON.stringify(live)}`,
        );
      figures[name] = {
        p50_ms: round(quantile(ms, 0.5)),
        p95_ms: round(quantile(ms, 0.95)),
        live_p50_ms: round(liveMs),
        cases,
      };
    }
    const inScope = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM cases c WHERE c.party_paths <@ ${cityPath}::ltree`.execute(db);

    if (process.env.BENCH_EXPLAIN === '1') {
      const explain = async (label: string, query: ReturnType<typeof sql>) => {
        const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, BUFFERS) ${query}`.execute(db);
        console.error(`\n-- ${label}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
      };
      for (const [name, path] of Object.entries(scopes))
        await explain(
          `figures ${name}`,
          sql`SELECT c.category, count(*) FROM cases c WHERE c.party_paths <@ ${path}::ltree
            AND c.received_at >= ${monthStart} AND c.received_at < ${now} AND NOT c.is_collective
            AND coalesce(c.handling_org_id, c.receiving_org_id) IN (SELECT o.id FROM orgs o WHERE o.path <@ ${path}::ltree)
            GROUP BY c.category`,
        );
      await explain(
        'emergencies',
        sql`SELECT c.id FROM cases c WHERE ${OPEN} AND c.emergency AND c.category = 'new' AND c.dispatch_due_at <= ${now}
          AND (c.supervised_for IS NULL OR c.supervised_for < c.dispatch_due_at) ORDER BY c.due_at, c.id LIMIT 500`,
      );
      const until = new Date(now.getTime() + 24 * 3_600_000);
      await explain(
        'idle 督办 (cases_sweep_supervise)',
        sql`SELECT c.id FROM cases c WHERE ${OPEN} AND c.due_at <= ${now} AND c.supervised_for IS DISTINCT FROM c.due_at
          ORDER BY c.due_at, c.id LIMIT 500`,
      );
      await explain(
        'idle 催办 (cases_sweep_remind)',
        sql`SELECT c.id FROM cases c WHERE ${OPEN} AND c.due_at > ${now} AND c.due_at <= ${until}
          AND c.reminded_for IS DISTINCT FROM c.due_at ORDER BY c.due_at, c.id LIMIT 500`,
      );
      await explain(
        'idle 通报 (cases_sweep_publicise)',
        sql`SELECT c.id FROM cases c WHERE ${OPEN} AND c.due_at <= ${now} AND c.publicised_for IS DISTINCT FROM c.due_at
          ORDER BY c.due_at, c.id LIMIT 500`,
      );
      const root = tree.root.path;
      await explain(
        'list national (the engine’s condition: one <@ per scope)',
        sql`SELECT c.id FROM cases c WHERE (c.party_paths <@ ${root}::ltree OR c.party_paths <@ ${root}::ltree
            OR c.party_paths <@ ${root}::ltree OR c.party_paths <@ ${root}::ltree) AND ${OPEN} AND c.kind = 'complaint'
          ORDER BY c.due_at, c.id LIMIT 51`,
      );
      await explain(
        'list city (the engine’s condition: one <@ per scope)',
        sql`SELECT c.id FROM cases c WHERE (c.party_paths <@ ${cityPath}::ltree OR c.party_paths <@ ${cityPath}::ltree
            OR c.party_paths <@ ${cityPath}::ltree OR c.party_paths <@ ${cityPath}::ltree) AND ${OPEN} AND c.kind = 'complaint'
          ORDER BY c.due_at, c.id LIMIT 51`,
      );
    }

    const report = {
      at: now.toISOString(),
      node: process.version,
      engine: 'postgres',
      cases: CASES,
      orgs: tree.orgs,
      generate_ms: Math.round(generated.ms),
      generate_load_ms: Math.round(generated.loadMs),
      generate_index_ms: Math.round(generated.indexMs),
      city_cases: Number(inScope.rows[0]!.n),
      overdue,
      overdue_count_ms: round(countMs),
      overdue_first_claim_ms: round(claimMs),
      sweep_first: firstSweep,
      sweep_idle: idleSweep,
      sweep_5min_later: laterSweep,
      lists,
      figures,
    };
    console.log(JSON.stringify(report, null, 2));
    console.log(`\n| measure | figure |\n|---|---:|`);
    console.log(`| overdue set (count of ${overdue} among ${CASES} open) | ${round(countMs)} ms |`);
    console.log(`| 督办's first claim (500 rows, FOR UPDATE SKIP LOCKED) | ${round(claimMs)} ms |`);
    for (const [step, s] of Object.entries(firstSweep.steps))
      console.log(`| first sweep: ${step} | ${s.events} events in ${s.ms} ms (${s.per_s ?? '–'}/s) |`);
    console.log(`| sweep with nothing to do | ${idleSweep.total_ms} ms |`);
    console.log(`| sweep 5 minutes on | ${laterSweep.total_ms} ms |`);
    for (const [name, l] of Object.entries(lists))
      console.log(
        `| list ${name}: p50 / p95 first page; third page | ${l.first_p50_ms} / ${l.first_p95_ms} ms; ${l.third_p50_ms} / ${l.third_p95_ms} ms |`,
      );
    for (const [name, f] of Object.entries(figures))
      console.log(
        `| figures ${name} (${f.cases} cases, 30 days, roll-up): p50 / p95; live sums once | ${f.p50_ms} / ${f.p95_ms} ms; ${f.live_p50_ms} ms |`,
      );
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(`${RESULTS}cases.json`, JSON.stringify(report, null, 2) + '\n');
  } finally {
    await database.close();
    await created.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
