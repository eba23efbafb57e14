import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquirePidLock, DataDirLockedError, lockRecord } from './lock';

const dir = mkdtempSync(join(tmpdir(), 'gonghui-lock-'));
const file = join(dir, 'pglite.pid');
let release: (() => void) | undefined;
afterEach(() => release?.());

describe('the PGlite data directory lock', () => {
  it('takes the lock, writes its pid, and removes the file on release', () => {
    release = acquirePidLock(file);
    // The pid and, where /proc tells it, the process's start time (clock ticks after boot).
    expect(readFileSync(file, 'utf8')).toMatch(new RegExp(`^${process.pid}( \\d+)?$`));
    expect(readFileSync(file, 'utf8')).toBe(lockRecord(process.pid));
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
    expect(readFileSync(file, 'utf8')).toBe(lockRecord(process.pid));
  });

  it('refuses while a live server holds it by the record it wrote', () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(file, lockRecord(other.pid!));
      expect(() => acquirePidLock(file)).toThrow(DataDirLockedError);
    } finally {
      other.kill();
    }
  });

  it.runIf(existsSync('/proc/self/stat'))(
    'takes over the lock when its pid now belongs to another process (after a reboot)',
    async () => {
      const sleeper = spawn('sleep', ['30']);
      await new Promise((r) => sleeper.on('spawn', r));
      try {
        // The dead server's record: same pid, another start time.
        writeFileSync(file, `${sleeper.pid} 1`);
        release = acquirePidLock(file);
        expect(readFileSync(file, 'utf8')).toBe(lockRecord(process.pid));
        release();
        // A record from before start times were kept: a live pid that is no Node process is no server.
        writeFileSync(file, String(sleeper.pid));
        release = acquirePidLock(file);
        expect(readFileSync(file, 'utf8')).toBe(lockRecord(process.pid));
      } finally {
        sleeper.kill();
      }
    },
  );
});
