#!/usr/bin/env node
// `npm test`: installs if needed, then runs everything — lint, type check, dependency rules,
// unit tests, the integration suite on PGlite (and on PostgreSQL when TEST_DATABASE_URL is
// set), and the browser journeys when Chromium is found — and ends on the line
// `N passed, N failed, N skipped`. Each static check counts as one test.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstalled, ensureWebBuilt } from './start.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const results = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function check(name, cmd, args) {
  process.stdout.write(`\n▶ ${name}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status === 0) {
    results.passed++;
    process.stdout.write(`✔ ${name}\n`);
  } else {
    results.failed++;
    failures.push(name);
    process.stdout.write(`✖ ${name} failed\n`);
  }
}

ensureInstalled();
check('lint (eslint)', bin('eslint'), ['--max-warnings=0', '.']);
check('formatting (prettier --check)', bin('prettier'), ['--check', '--log-level=warn', '.']);
check('type check (tsc --noEmit)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
check('dependency rules (dependency-cruiser)', bin('depcruise'), [
  '--config',
  '.dependency-cruiser.cjs',
  'common',
  'server',
  'web',
  'bench',
  'e2e',
  'scripts',
]);

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const hasChromium = existsSync(chromium);
if (hasChromium) {
  ensureWebBuilt();
} else {
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
