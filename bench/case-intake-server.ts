/**
 * The server half of `npm run bench:case-intake`, forked by bench/case-intake.ts (bench/fork.ts) so
 * the load generator and the app each have an event loop and a core: opens the database (an on-disk
 * PGlite in a temp dir, or the PostgreSQL database named by BENCH_DB_URL), generates the tree, builds
 * the app with the test configuration (demo: POST /otp answers the code; the rate limiter in the
 * pipeline, never tripping) and listens on loopback. Answers `ask('cases')` with the cases table's
 * row count. BENCH_INTAKE_NO_ROLLUP=1 turns the roll-up's insert trigger off. With BENCH_CPU_PROF_DIR,
 * `ask('profile-start')` starts V8's CPU profiler and `ask('profile-stop')` writes what it sampled
 * there as a .cpuprofile (the timed intake alone, not the tree's generation).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { buildApp } from '../server/app';
import { openBenchDatabase } from './database';
import { migrate } from '../server/db/migrate';
import { createDeps } from '../server/deps';
import { createConsoleSmsSender } from '../server/lib/sms';
import { testConfig } from '../server/testing/test-app';
import { generateTree } from './generate-tree';

export interface IntakeFixture {
  port: number;
  engine: 'pglite' | 'postgres';
  serverVersion: string;
}

async function main(): Promise<void> {
  const { database, cleanup } = await openBenchDatabase('gonghui-intake-');
  await migrate(database.pool);
  await generateTree(database.db, { streetsPerCounty: 2, enterprisesPerStreet: 2 });
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
  const fixture: IntakeFixture = {
    port: address.port,
    engine: database.kind,
    serverVersion: (await database.pool.query<{ server_version: string }>('SHOW server_version')).rows[0]!
      .server_version,
  };
  process.send!({ type: 'ready', fixture });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await database.close();
    cleanup();
    process.exit(0);
  };
  const profiler = new Session();
  const answers: Record<string, () => Promise<unknown>> = {
    cases: async () =>
      Number(
        (
          await database.db
            .selectFrom('cases')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    'profile-start': async () => {
      if (!process.env.BENCH_CPU_PROF_DIR) return null;
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
      return null;
    },
    'profile-stop': async () => {
      const dir = process.env.BENCH_CPU_PROF_DIR;
      if (!dir) return null;
      const { profile } = await profiler.post('Profiler.stop');
      const file = join(dir, `case-intake-${database.kind}-${process.pid}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      profiler.disconnect();
      return file;
    },
  };
  process.on('message', (msg: { type?: string; what?: string }) => {
    if (msg.type === 'stop') void stop();
    else if (msg.type === 'ask' && msg.what && answers[msg.what])
      void answers[msg.what]!().then((value) => process.send!({ type: 'answer', what: msg.what, value }));
  });
  // An orphan (the parent crashed) stops too, so no PGlite temp dir or PostgreSQL client lingers.
  process.on('disconnect', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
