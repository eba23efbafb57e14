import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquirePidLock, DataDirLockedError } from './lock';

const dir = mkdtempSync(join(tmpdir(), 'gonghui-lock-'));
const file = join(dir, 'pglite.pid');
let release: (() => void) | undefined;
afterEach(() => release?.());

describe('the PGlite data directory lock', () => {
  it('takes the lock, writes its pid, and removes the file on release', () => {
    release = acquirePidLock(file);
    expect(readFileSync(file, 'utf8')).toBe(String(process.pid));
    release();
    release = undefined;
    expect(existsSync(file)).toBe(false);
  });

  it('refuses while another live process holds it, naming that process', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(file, String(other.pid));
      expect(() => acquirePidLock(file)).toThrow(DataDirLockedError);
      expect(() => acquirePidLock(file)).toThrow(String(other.pid));
      expect(readFileSync(file, 'utf8')).toBe(String(other.pid));
    } finally {
      other.kill();
    }
  });

  it('takes over the lock of a process that has died', async () => {
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('exit', r));
    writeFileSync(file, String(dead.pid));
    release = acquirePidLock(file);
    expect(readFileSync(file, 'utf8')).toBe(String(process.pid));
  });
});
