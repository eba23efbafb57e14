#!/usr/bin/env node
// `npm start`: installs dependencies if missing, builds the web app if stale, then runs the
// server (which migrates, seeds the demo into an empty embedded database and prints the URL).
// Plain Node with no dependencies, because it runs before `npm ci`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

/** Newest modification time under a folder (files only). */
export function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Whether the installed packages (npm's own record, node_modules/.package-lock.json) are the ones
 * package-lock.json names: every package the lockfile installs on any platform is there at its
 * version (optional ones for other platforms are never installed, so they are not asked for).
 */
export function installMatchesLock(lockText, installedText) {
  const lock = JSON.parse(lockText).packages ?? {};
  const installed = JSON.parse(installedText).packages ?? {};
  for (const [path, pkg] of Object.entries(lock)) {
    if (path === '' || pkg.link) continue;
    const have = installed[path];
    if (have ? have.version !== pkg.version : !pkg.optional) return false;
  }
  return true;
}

/**
 * Runs `npm ci` when node_modules is missing or differs from package-lock.json. A lockfile newer
 * than the install (a checkout, a pull that rewrote it unchanged) is compared by content first, so
 * a fresh checkout beside an installed tree does not reinstall it.
 */
export function ensureInstalled() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  const stale =
    !existsSync(marker) ||
    (statSync(lock).mtimeMs > statSync(marker).mtimeMs &&
      !installMatchesLock(readFileSync(lock, 'utf8'), readFileSync(marker, 'utf8')));
  if (stale) {
    console.log('Installing dependencies (npm ci)…');
    // --loglevel=error: antd-mobile's react-spring declares React ≤ 18, and ~100 peer warnings would bury the banner.
    run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
  }
}

/** Whether every file the two index.html files load exists (a half-written build is not a build). */
export function isWholeBuild(dir) {
  for (const shell of ['admin', 'm']) {
    const index = join(dir, shell, 'index.html');
    if (!existsSync(index)) return false;
    for (const [, ref] of readFileSync(index, 'utf8').matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)) {
      if (!existsSync(join(dir, ref))) return false;
    }
  }
  return true;
}

/** Builds the web app into dist/web when it is missing, incomplete or older than its sources. Throws on failure. */
export function ensureWebBuilt() {
  const dist = join(root, 'dist', 'web');
  const stamp = join(dist, '.build-stamp');
  const sources = Math.max(
    newestMtime(join(root, 'web')),
    newestMtime(join(root, 'common')),
    statSync(join(root, 'package-lock.json')).mtimeMs,
  );
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= sources && isWholeBuild(dist)) return;
  console.log('Building the web app (vite build)…');
  // NODE_ENV=production whatever the caller's (vitest sets 'test'): otherwise React's
  // development build lands in the bundle and the H5 misses its size budget.
  const r = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status ?? r.signal})`);
  writeFileSync(stamp, new Date().toISOString());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureInstalled();
  try {
    ensureWebBuilt();
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
  // An explicit old-space limit (HEAP_MB, 1024 by default): without one V8 sizes the heap from the
  // machine's memory and lets a roster import's garbage grow the process to 480 MB; with 1024 the
  // same import peaks at 330 MB, with 256 at 277 MB (docs/benchmarks.md).
  const heap = `--max-old-space-size=${process.env.HEAP_MB || 1024}`;
  const child = spawn(process.execPath, [heap, '--import', 'tsx', join(root, 'server', 'main.ts')], {
    cwd: root,
    stdio: 'inherit',
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  // `npm start` killed with SIGTERM does not always pass the signal on; when our parent is
  // gone (we were re-parented), stop the server rather than leave it holding the port and data dir.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) child.kill('SIGTERM');
  }, 1000).unref();
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
