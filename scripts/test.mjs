#!/usr/bin/env node
// `npm test`: installs if needed, then runs everything — lint, type check, dependency rules,
// unit tests, the integration suite on PGlite (and on PostgreSQL when TEST_DATABASE_URL is
// set), and the browser journeys when Chromium is found — and ends on the line
// `N passed, N failed, N skipped`. Each static check counts as one test.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstalled } from './start.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const results = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

/** Runs a command with its output held back (two run at once, and their output must not interleave). */
function runQuietly(cmd, args) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(cmd, args, { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b) => void (output += b));
    child.stderr.on('data', (b) => void (output += b));
    child.on('error', (err) => void (output += `${err.message}\n`));
    child.on('close', (status) => resolve({ status, output, seconds: (Date.now() - started) / 1000 }));
  });
}

/**
 * Runs the jobs two at a time (the machine CI runs on has two cores, and each of these is mostly
 * single-threaded), then reports each, in the order given, with its own output.
 */
async function runTwoAtATime(jobs) {
  const done = new Array(jobs.length);
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const i = next++;
      done[i] = await runQuietly(jobs[i].cmd, jobs[i].args);
    }
  };
  await Promise.all([lane(), lane()]);
  return done;
}

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const hasChromium = existsSync(chromium);

ensureInstalled();
// The web build (the journeys need it; scripts/start.mjs builds only when it is stale) runs beside
// the static checks, two at a time, the longest first. Each static check counts as one test.
const webBuild = {
  name: 'web build',
  cmd: process.execPath,
  args: [
    '--input-type=module',
    '-e',
    `import { ensureWebBuilt } from ${JSON.stringify(join(root, 'scripts', 'start.mjs'))}; ensureWebBuilt();`,
  ],
};
const jobs = [
  { name: 'type check (tsc --noEmit)', cmd: bin('tsc'), args: ['--noEmit', '-p', 'tsconfig.json'] },
  ...(hasChromium ? [webBuild] : []),
  { name: 'lint (eslint)', cmd: bin('eslint'), args: ['--max-warnings=0', '.'] },
  {
    name: 'dependency rules (dependency-cruiser)',
    cmd: bin('depcruise'),
    args: ['--config', '.dependency-cruiser.cjs', 'common', 'server', 'web', 'bench', 'e2e', 'scripts'],
  },
  { name: 'formatting (prettier --check)', cmd: bin('prettier'), args: ['--check', '--log-level=warn', '.'] },
];
const ran = await runTwoAtATime(jobs);
jobs.forEach((job, i) => {
  const { status, output, seconds } = ran[i];
  process.stdout.write(`\n▶ ${job.name}\n${output}`);
  if (status === 0) {
    process.stdout.write(`✔ ${job.name} (${seconds.toFixed(0)} s)\n`);
    if (job !== webBuild) results.passed++;
  } else if (job === webBuild) {
    process.stdout.write(`✖ ${job.name} failed: the browser journeys cannot run\n`);
    process.exit(1);
  } else {
    results.failed++;
    failures.push(job.name);
    process.stdout.write(`✖ ${job.name} failed\n`);
  }
});

if (!hasChromium) {
  const bar = '!'.repeat(78);
  process.stdout.write(
    `\n${bar}\n!! NO CHROMIUM FOUND at ${chromium}: the browser journeys (e2e/) will NOT run.\n!! Install it:  sudo apt-get install -y chromium fonts-noto-cjk\n!! or point CHROMIUM_PATH at a Chromium/Chrome binary.\n${bar}\n\n`,
  );
}
if (!process.env.TEST_DATABASE_URL) {
  process.stdout.write(
    '\nNote: TEST_DATABASE_URL is not set, so the integration suite runs on embedded PGlite only.\n      Set it (e.g. postgres://postgres@127.0.0.1:5432/test) to run it on PostgreSQL too.\n',
  );
}

const summaryFile = join(mkdtempSync(join(tmpdir(), 'gonghui-test-')), 'summary.json');
process.stdout.write('\n▶ vitest (unit, integration, e2e)\n');
const vitest = spawnSync(
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=./scripts/vitest-count-reporter.ts'],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, SUMMARY_FILE: summaryFile },
  },
);
if (existsSync(summaryFile)) {
  const s = JSON.parse(readFileSync(summaryFile, 'utf8'));
  results.passed += s.passed;
  results.failed += s.failed;
  results.skipped += s.skipped;
  if (s.brokenFiles.length) failures.push(...s.brokenFiles.map((f) => `could not run ${f}`));
  if (vitest.status !== 0 && s.failed === 0) {
    results.failed++;
    failures.push('vitest exited with an error');
  }
} else {
  results.failed++;
  failures.push('vitest did not report (crashed before the end of the run)');
}

if (failures.length) process.stdout.write(`\nFailed: ${failures.join('; ')}\n`);
if (!hasChromium) process.stdout.write('\n!! Browser journeys did not run: no Chromium (see above).\n');
process.stdout.write(`\n${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped\n`);
process.exit(results.failed > 0 ? 1 : 0);
