/**
 * "A feature reads any table and writes only its own" (CONVENTIONS.md 15, ARCHITECTURE.md): every
 * write statement in a feature's product code names a table that feature owns. Another feature's
 * data changes through that feature's service. A write the scan cannot attribute fails the test too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Table → the features that write it. */
const WRITERS: Record<string, readonly string[]> = {
  orgs: ['orgs'],
  roles: ['accounts'],
  // accounts manages the record; auth keeps the credential columns (password, TOTP, sign-in times).
  accounts: ['accounts', 'auth'],
  grants: ['accounts'],
  sessions: ['auth'],
  login_failures: ['auth'],
  otp_codes: ['auth'],
  otp_address_failures: ['auth'],
  audit_log: ['audit'],
  calendar_days: ['calendar'],
  calendar_changes: ['calendar'],
  // The jobs feature writes the runs for everyone: enqueueJob (enqueue.ts) for any feature, the runs'
  // life for the workers of server/jobs/ (lifecycle.ts), cancel for the API.
  jobs: ['jobs'],
  job_schedules: ['jobs'],
  files: ['files'],
  members: ['members'],
  member_honours: ['members'],
  join_applications: ['joins'],
  join_settings: ['joins'],
  transfers: ['transfers'],
  imports: ['imports'],
  import_errors: ['imports'],
  stations: ['stations'],
  coverage_point_sets: ['coverage'],
  coverage_points: ['coverage'],
  coverage_runs: ['coverage'],
  station_visits: ['station-visits'],
  station_reviews: ['station-visits'],
  station_problems: ['station-visits'],
  cases: ['cases'],
  case_events: ['cases'],
  case_orgs: ['cases'],
  case_settings: ['cases'],
  case_statuses: ['cases'],
  case_answers: ['cases'],
  // The figures' roll-up: kept by triggers (migration 2026-12-03T0900), rebuilt by figures-sql.ts.
  case_figure_days: ['cases'],
  case_duty_phones: ['cases'],
};

const WRITE =
  /\b(?:insertInto|updateTable|deleteFrom)\(\s*'([a-z_]+)'|\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE)\s+([a-z_]+)\s+(?:SET|\(|VALUES|WHERE|AS|SELECT|RETURNING|$)/g;

function productFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return productFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$|\.(factories|authz|child)\.ts$/.test(name) ? [path] : [];
  });
}

/** Each write in product code under server/: file, the feature it belongs to (or null), table. */
function writes() {
  const found: Array<{ file: string; feature: string | null; table: string }> = [];
  for (const file of productFiles(join(root, 'server'))) {
    const rel = relative(root, file);
    if (rel.startsWith('server/testing/') || rel.startsWith('server/db/migrations/')) continue;
    const feature = /^server\/features\/([^/]+)\//.exec(rel)?.[1] ?? null;
    // Comments may say "the UPDATE makes…": only code counts.
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    for (const m of code.matchAll(WRITE)) found.push({ file: rel, feature, table: m[1] ?? m[2]! });
  }
  return found;
}

describe('who writes which table', () => {
  const all = writes();

  it('finds the writes it checks', () => {
    expect(all.filter((w) => w.table === 'orgs').length).toBeGreaterThan(0);
    expect(all.filter((w) => w.table === 'audit_log').length).toBeGreaterThan(0);
  });

  it('a feature writes only its own tables', () => {
    const foreign = all
      .filter((w) => w.feature !== null)
      .filter((w) => !(WRITERS[w.table] ?? []).includes(w.feature!))
      .map((w) => `${w.file} writes ${w.table}`);
    expect(foreign).toEqual([]);
  });

  it('outside the features only the mechanisms write, each its own table', () => {
    const allowed = new Set(['server/http/idempotency.ts idempotency_keys', 'server/db/migrate.ts schema_migrations']);
    const outside = all.filter((w) => w.feature === null).map((w) => `${w.file} ${w.table}`);
    expect(outside.filter((w) => !allowed.has(w))).toEqual([]);
  });
});
