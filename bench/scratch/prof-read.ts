// @ts-nocheck
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { load } from '../http';
import { createDatabase } from '../database';
const pg = await createDatabase('postgres://postgres@127.0.0.1:5432/postgres');
const child = fork(fileURLToPath(new URL('../server.ts', import.meta.url)), [], {
  execArgv: ['--import', 'tsx', ...(process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof5'] : [])],
  env: { ...process.env, BENCH_DB_URL: pg.url, BENCH_MEMBERS: process.env.BENCH_MEMBERS ?? '20000' },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const f = await new Promise((r) => child.once('message', (m) => r(m.fixture)));
const base = `http://127.0.0.1:${f.port}`;
const county = { cookie: f.county.cookie };
const targets = [
  { name: 'ping', path: '/api/v1/ping', expectStatus: 200 },
  { name: 'member in', path: `/api/v1/members/${f.members.inScopeId}`, expectStatus: 200, headers: county },
  { name: 'member missing', path: `/api/v1/members/${f.members.missingId}`, expectStatus: 404, headers: county },
  { name: 'org in', path: `/api/v1/orgs/${f.inScopeId}`, expectStatus: 200, headers: county },
];
const only = process.env.ONLY;
for (const round of [1, 2]) for (const t of targets) {
  if (only && !t.name.startsWith(only) && t.name !== 'ping') continue;
  const m = await load(base, t, 5, 10);
  console.log(round, t.name.padEnd(16), Math.round(m.rps), 'rps', 'unexpected', m.unexpected);
}
child.send({ type: 'stop' });
await new Promise((r) => child.once('exit', r));
await pg.drop();
