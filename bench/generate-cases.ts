/**
 * Benchmark-scale open cases (工单) over the generated tree (bench/generate-tree.ts): each case is
 * received by a county federation (where 12351 sits) and, once dispatched, handled by one of its
 * street or enterprise unions. Rows go in with one `INSERT … SELECT FROM generate_series` per batch,
 * every draw a deterministic hash of the row number, with the cases table's secondary indexes
 * dropped during the load and rebuilt after it (as a restore would), the figures' roll-up's insert
 * trigger off during the load and the roll-up rebuilt whole after it, then VACUUM ANALYZE.
 *
 * The distributions, relative to `now`:
 * - category: 15% new (not dispatched), 15% dispatched, 65% in progress, 5% waiting (parked);
 * - due date: 98% uniform from 5 days before `now` to 25 days after it (≈ 1/6 overdue, ≈ 1/30 due
 *   within a day), 2% long overdue (5 to 30 days); received 3 to 20 days before it, never after `now`;
 * - 0.2% emergencies; kinds spread over the five 12351 kinds.
 * Ciphertexts are one real ciphertext shared by every row (nothing here decrypts); no phones.
 */
import { sql } from 'kysely';
import type { Db } from '../server/db/database';
import { rebuildCaseFigureDays } from '../server/features/cases/figures-sql';
import type { Cipher } from '../server/lib/crypto';
import type { GeneratedTree } from './generate-tree';

export interface GeneratedCases {
  cases: number;
  ms: number;
  loadMs: number;
  indexMs: number;
}

export async function generateCases(
  db: Db,
  cipher: Cipher,
  tree: GeneratedTree,
  options: { count: number; now: Date; batch?: number },
): Promise<GeneratedCases> {
  const started = performance.now();
  // One handling union per slot: every street and enterprise union, with its county as the receiver.
  const handling: number[] = [];
  const handlingPath: string[] = [];
  const receiving: number[] = [];
  const receivingPath: string[] = [];
  for (const branch of tree.counties.values())
    for (const org of [...branch.streets, ...branch.enterprises]) {
      handling.push(org.id);
      handlingPath.push(org.path);
      receiving.push(branch.county.id);
      receivingPath.push(branch.county.path);
    }
  const n = handling.length;
  const enc = cipher.encrypt('压测诉求：工资拖欠');
  const nameEnc = cipher.encrypt('压测职工');

  const indexes = await sql<{ indexname: string; indexdef: string }>`
    SELECT i.indexname, i.indexdef FROM pg_indexes i
    WHERE i.tablename = 'cases' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`.execute(
    db,
  );
  for (const i of indexes.rows) await sql`DROP INDEX ${sql.id(i.indexname)}`.execute(db);

  // Row by row the roll-up's trigger would add a case at a time to its unions' rows; the load sums them once.
  await sql`ALTER TABLE cases DISABLE TRIGGER case_figures_insert`.execute(db);

  const batch = options.batch ?? 200_000;
  const now = options.now;
  for (let from = 1; from <= options.count; from += batch) {
    const to = Math.min(options.count, from + batch - 1);
    // r(k): a uniform draw in [0, 1) for row g, the k-th of its draws.
    await sql`
      WITH g AS (
        SELECT g,
          (hashint4(g * 16 + 1) & 2147483647)::float8 / 2147483648 AS r_org,
          (hashint4(g * 16 + 2) & 2147483647)::float8 / 2147483648 AS r_cat,
          (hashint4(g * 16 + 3) & 2147483647)::float8 / 2147483648 AS r_due,
          (hashint4(g * 16 + 4) & 2147483647)::float8 / 2147483648 AS r_tail,
          (hashint4(g * 16 + 5) & 2147483647)::float8 / 2147483648 AS r_recv,
          (hashint4(g * 16 + 6) & 2147483647)::float8 / 2147483648 AS r_misc
        FROM generate_series(${from}::int, ${to}::int) AS g
      ), d AS (
        SELECT g, r_misc,
          1 + floor(r_org * ${n})::int AS slot,
          CASE WHEN r_cat < 0.15 THEN 'new' WHEN r_cat < 0.30 THEN 'dispatched'
               WHEN r_cat < 0.95 THEN 'in_progress' ELSE 'waiting' END AS category,
          CASE WHEN r_tail < 0.02 THEN ${now}::timestamptz - interval '1 minute' * floor((5 + r_due * 25) * 1440)
               ELSE ${now}::timestamptz + interval '1 minute' * floor((-5 + r_due * 30) * 1440) END AS due_at,
          interval '1 minute' * floor((3 + r_recv * 17) * 1440) AS took
        FROM g
      ), e AS (
        SELECT d.*, least(d.due_at - d.took, ${now}::timestamptz - interval '1 hour') AS received_at FROM d
      )
      INSERT INTO cases (tracking_no, kind, subject, tier, emergency, channel, status, category,
        requester_name_enc, requester_name_masked, description_enc, employer_name,
        receiving_org_id, handling_org_id, party_paths, received_at, dispatch_due_at, dispatched_at,
        sign_due_at, signed_at, signed_on_time, clock_from, clock_days, due_at, parked_at)
      SELECT 'GD' || lpad(e.g::text, 12, '0'),
        (ARRAY['consultation', 'help', 'complaint', 'legal_aid', 'suggestion'])[1 + (e.g % 5)],
        'other', 'normal', e.r_misc < 0.002,
        CASE WHEN e.g % 3 = 0 THEN 'hotline' ELSE 'h5' END,
        CASE e.category WHEN 'new' THEN 'received' WHEN 'dispatched' THEN 'dispatched'
          WHEN 'in_progress' THEN CASE WHEN e.g % 2 = 0 THEN 'signed' ELSE 'handling' END ELSE 'parked' END,
        e.category, ${nameEnc}, '压*', ${enc}, '压测物流有限公司',
        (${receiving}::int[])[e.slot],
        CASE WHEN e.category = 'new' THEN NULL ELSE (${handling}::int[])[e.slot] END,
        CASE WHEN e.category = 'new' THEN ARRAY[(${receivingPath}::text[])[e.slot]::ltree]
          ELSE ARRAY[(${receivingPath}::text[])[e.slot]::ltree, (${handlingPath}::text[])[e.slot]::ltree] END,
        e.received_at, e.received_at + interval '1 hour',
        CASE WHEN e.category = 'new' THEN NULL ELSE e.received_at + interval '30 minutes' END,
        CASE WHEN e.category = 'new' THEN NULL ELSE e.received_at + interval '1 day' END,
        CASE WHEN e.category IN ('in_progress', 'waiting') THEN e.received_at + interval '3 hours' END,
        CASE WHEN e.category IN ('in_progress', 'waiting') THEN e.r_misc > 0.1 END,
        e.received_at, 5, e.due_at,
        CASE WHEN e.category = 'waiting' THEN e.received_at + interval '2 days' END
      FROM e`.execute(db);
  }
  const loaded = performance.now();
  await sql`ALTER TABLE cases ENABLE TRIGGER case_figures_insert`.execute(db);
  for (const i of indexes.rows) await sql.raw(i.indexdef).execute(db);
  await rebuildCaseFigureDays(db);
  await sql`VACUUM ANALYZE cases`.execute(db);
  await sql`VACUUM ANALYZE case_figure_days`.execute(db);
  const done = performance.now();
  return { cases: options.count, ms: done - started, loadMs: loaded - started, indexMs: done - loaded };
}
