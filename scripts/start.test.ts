import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { installMatchesLock } from './start.mjs';

const lock = (packages: Record<string, object>) => JSON.stringify({ lockfileVersion: 3, packages });
const LOCK = lock({
  '': { name: 'gonghui', dependencies: { kysely: '^0.28.0' } },
  'node_modules/kysely': { version: '0.28.2' },
  'node_modules/@esbuild/darwin-arm64': { version: '0.25.0', optional: true },
  'node_modules/@esbuild/linux-x64': { version: '0.25.0', optional: true },
});

describe('whether npm start must reinstall', () => {
  it('not when every package is installed at its locked version (optional ones of other platforms absent)', () => {
    const installed = lock({
      'node_modules/kysely': { version: '0.28.2' },
      'node_modules/@esbuild/linux-x64': { version: '0.25.0', optional: true },
    });
    expect(installMatchesLock(LOCK, installed)).toBe(true);
  });

  it('when a package is at another version, or a required one is missing', () => {
    expect(installMatchesLock(LOCK, lock({ 'node_modules/kysely': { version: '0.27.6' } }))).toBe(false);
    expect(installMatchesLock(LOCK, lock({}))).toBe(false);
  });

  it('not for this checkout’s own install, which npm ci made from its lockfile', () => {
    expect(
      installMatchesLock(
        readFileSync('package-lock.json', 'utf8'),
        readFileSync('node_modules/.package-lock.json', 'utf8'),
      ),
    ).toBe(true);
  });
});
