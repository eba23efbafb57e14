// @ts-nocheck
import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);
import { readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { createDeps } from '../../server/deps';
import { systemContext } from '../../server/http/context';
import { DEFAULT_RUN_OPTIONS, runImport } from '../../server/features/imports/run-import';
import { insertImport } from '../../server/features/imports/sql';
import { rosterImportKind } from '../../server/features/members/roster-import';
import { buildWorld } from '../../server/features/orgs/orgs.factories';
import { testConfig } from '../../server/testing/test-app';
import { createDatabase } from '../database';
function pgCpuMs(): number {
  let t = 0;
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try { const s = readFileSync(`/proc/${p}/stat`, 'utf8'); if (!s.includes('(postgres)')) continue; const f = s.slice(s.lastIndexOf(')') + 2).split(' '); t += (Number(f[11]) + Number(f[12])) * 10; } catch {}
  }
  return t;
}
const pg = await createDatabase('postgres://postgres@127.0.0.1:5432/postgres');
const database = await openDatabase({ kind: 'postgres', url: pg.url, max: 5 });
try {
  await migrate(database.pool);
  const deps = await createDeps(testConfig({ dataDir: mkdtempSync(join(tmpdir(), 'x-')) }), database.db);
  const w = await buildWorld(database);
  const id = await insertImport(database.db, { kind: rosterImportKind.name, org_id: w.sucheng.id, file_path: process.argv[2] ?? '/tmp/roster100k.xlsx', original_name: 'r.xlsx', created_by: null });
  const p0 = pgCpuMs(); const c0 = process.cpuUsage(); const t0 = performance.now();
  let peakHeap = 0, peakExt = 0; const iv = setInterval(() => { const m = process.memoryUsage(); peakHeap = Math.max(peakHeap, m.heapUsed); if (m.heapUsed > 230 * 1048576 && !(globalThis as any).snap) { (globalThis as any).snap = 1; console.log('snapshot', require('node:v8').writeHeapSnapshot('/tmp/import.heapsnapshot')); } peakExt = Math.max(peakExt, m.external + m.arrayBuffers); }, 50);
  const done = await runImport(systemContext(deps), rosterImportKind, id, DEFAULT_RUN_OPTIONS); clearInterval(iv); console.log('peak heap', peakHeap >> 20, 'peak ext', peakExt >> 20, 'start rss', process.memoryUsage().rss >> 20);
  const ms = performance.now() - t0; const c = process.cpuUsage(c0); const pgms = pgCpuMs() - p0;
  const n = done.written_rows;
  console.log(`${done.status} ${n} rows wall ${ms.toFixed(0)} ms (${(n / ms * 1000).toFixed(0)} rows/s); node cpu ${((c.user + c.system) / 1000).toFixed(0)} ms = ${((c.user + c.system) / n).toFixed(1)} µs/row; pg cpu ${pgms} ms = ${(pgms * 1000 / n).toFixed(1)} µs/row; rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`, Object.fromEntries(Object.entries(process.memoryUsage()).map(([k,v])=>[k,Math.round(v/1048576)])));
} finally { await database.close(); await pg.drop(); }
