// @ts-nocheck
import { buildApp } from '../../server/app';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { openDatabase } from '../../server/db/database';
import { createDeps } from '../../server/deps';
import { migrate } from '../../server/db/migrate';
import { createConsoleSmsSender } from '../../server/lib/sms';
import { buildAccount } from '../../server/features/accounts/accounts.factories';
import { signIn } from '../../server/features/auth/auth.factories';
import { testConfig } from '../../server/testing/test-app';
import { generateMembers } from '../generate-members';
import { generateTree } from '../generate-tree';
import { createDatabase } from '../database';
const pg = await createDatabase('postgres://postgres@127.0.0.1:5432/postgres');
const database = await openDatabase({ kind: 'postgres', url: pg.url });
try {
  await migrate(database.pool);
  const tree = await generateTree(database.db, { streetsPerCounty: 2, enterprisesPerStreet: 2 });
  const county = tree.counties.get('321302'); const other = tree.counties.get('361102');
  const deps = await createDeps(testConfig({ demo: false, rateLimit: { global: 1e9, auth: 1e9 } }), database.db, { sms: createConsoleSmsSender() });
  const members = await generateMembers(database.db, deps.cipher, { count: 20000, orgIds: [...tree.counties.values()].flatMap((c) => [...c.streets, ...c.enterprises].map((o) => o.id)), inOrgId: county.enterprises[0].id, otherOrgId: other.enterprises[0].id });
  const app = await buildApp(deps); await app.ready();
  await buildAccount(database, { org: county.county, role: 'org_admin', username: 'bench_county' });
  const cookie = await signIn({ app }, 'bench_county');
  const targets = { ping: '/api/v1/ping', memberIn: `/api/v1/members/${members.inScopeId}`, memberMissing: `/api/v1/members/${members.maxId + 1000000}`, orgIn: `/api/v1/orgs/${county.enterprises.at(-1).id}` };
  for (const round of (process.env.ROUNDS ?? "1,2,3").split(",").map(Number)) for (const [name, url] of Object.entries(targets).filter(([n]) => !process.env.ONLY || n === process.env.ONLY)) {
    const session = process.env.PROF ? new Session() : null; if (session) { session.connect(); await session.post('Profiler.enable'); await session.post('Profiler.start'); }
    const N = Number(process.env.N ?? 2000); const c0 = process.cpuUsage(); const t0 = performance.now();
    for (let i = 0; i < N; i++) { const r = await app.inject({ method: 'GET', url, headers: { cookie } }); if (i === 0 && r.statusCode >= 500) throw new Error(r.body); }
    const c = process.cpuUsage(c0); const ms = performance.now() - t0;
    if (session) { const { profile } = await session.post('Profiler.stop'); writeFileSync(`/tmp/inj-${name}.cpuprofile`, JSON.stringify(profile)); }
    console.log(round, name.padEnd(14), 'cpu', ((c.user + c.system) / N).toFixed(0), 'µs/req', 'wall', (ms * 1000 / N).toFixed(0), 'µs/req');
  }
  await app.close();
} finally { await database.close(); await pg.drop(); }
