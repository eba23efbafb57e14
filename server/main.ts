import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { buildApp } from './app';
import { openConfiguredDatabase } from './db/database';
import { DataDirLockedError } from './db/lock';
import { migrateAsOwner } from './db/migrate';
import { isBootstrapped, isDatabaseEmpty, seedDemo } from './seed/demo';
import { createDeps } from './deps';
import { ConfigError, loadConfig } from './env';
import { startWorkers } from './jobs/workers';

/** The machine's own IPv4 addresses a phone on the same network can reach, when listening on all of them. */
function lanAddresses(host: string): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [];
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address)
    .slice(0, 3);
}

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  await migrateAsOwner(config, database.pool);
  if (config.demo && !process.env.GONGHUI_DEMO && (await isBootstrapped(database.db))) {
    // Demo mode hands out one-time codes in API answers: never by default on a real deployment.
    await database.close();
    throw new ConfigError(
      'This database holds a bootstrapped (real) deployment, but demo mode is on by default for the embedded database. Set GONGHUI_DEMO=0 (and SMS_SENDER=webhook with SMS_WEBHOOK_URL for member sign-in), or GONGHUI_DEMO=1 to keep the demo behaviour on purpose.',
    );
  }
  const deps = await createDeps(config, database.db);
  const seeded =
    config.demo && !config.databaseUrl && (await isDatabaseEmpty(database.db)) ? await seedDemo(deps) : null;

  const app = await buildApp(deps, { logger: { level: config.logLevel } });
  let workers: ReturnType<typeof startWorkers> = null;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: shutting down`);
    // The running job finishes or goes back to the queue before the database closes.
    await Promise.all([app.close(), workers?.stop(10_000)]);
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  workers = startWorkers(deps, {
    concurrency: config.workers,
    log: (message, detail) => app.log.error(detail, message),
  });
  const base = `http://localhost:${config.port}`;
  const lines = [
    '',
    '  工会服务平台 Gonghui is running',
    `  管理后台 Admin console:  ${base}/admin/`,
    `  职工端 H5 (phone):      ${base}/m/`,
    ...lanAddresses(config.host).map(
      (ip) => `  同一网络的手机 On a phone on this network: http://${ip}:${config.port}/m/`,
    ),
    `  API docs:               ${base}/api/docs`,
    `  后台任务 Jobs: ${config.workers > 0 ? `${config.workers} worker(s) in this process` : 'none in this process (WORKERS=0): run `npm run worker`'}`,
    `  Database: ${database.kind === 'pglite' ? `embedded PGlite in ${join(config.dataDir, 'pg')}` : 'PostgreSQL (DATABASE_URL)'}${seeded ? ' — demo data seeded just now' : ''}`,
  ];
  if (database.kind === 'pglite') {
    lines.push('  ⚠ 嵌入式数据库仅用于试用、开发和小型站点；生产环境请设置 DATABASE_URL 使用 PostgreSQL。');
    lines.push(
      '    The embedded database is for evaluation, development and small sites; set DATABASE_URL for production.',
    );
  }
  if (config.demo) {
    const { DEMO_ACCOUNTS, DEMO_PASSWORD } = await import('./features/accounts/demo-accounts');
    lines.push('', `  演示模式 Demo mode — every demo account's password: ${DEMO_PASSWORD}`);
    for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.username.padEnd(18)} ${a.note_zh}`);
    lines.push('  H5 sign-in: any mobile number; the one-time code is shown on screen in demo mode.');
    if (!process.env.HOST)
      lines.push(
        '  只有本机可以访问；要在手机上打开 H5：HOST=0.0.0.0 npm start，再打开它打印的局域网地址（演示密码是公开的，仅限可信网络）。',
        '  Only this machine can reach the demo. To open the H5 on a phone: HOST=0.0.0.0 npm start, then the LAN',
        '  address it prints (the demo passwords are public: do it on a network you trust).',
      );
  }
  lines.push(`  Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Ctrl+C stops.`, '');
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err: unknown) => {
  if (err instanceof DataDirLockedError || err instanceof ConfigError) {
    process.stderr.write(`\n✖ ${err.message}\n\n`);
  } else {
    process.stderr.write(`\n✖ Gonghui failed to start: ${(err as Error).stack ?? String(err)}\n\n`);
  }
  process.exit(1);
});
