import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * PGlite takes no lock on its data directory, and two processes on one directory corrupt
 * it. A pid file beside the directory refuses the second process; a stale file is taken over:
 * its process is gone, or its pid now names another process (pids are reused, after a reboot
 * at once), which the start time recorded beside the pid tells apart.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly pid: number,
  ) {
    super(
      `数据目录已被进程 ${pid} 使用（${lockFile}）。The data directory is in use by process ${pid}; stop it first, or set DATA_DIR to another directory.`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Linux: when the process started, in clock ticks after boot (/proc/<pid>/stat field 22); elsewhere undefined. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 is the command name in parentheses and may hold spaces: count from after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether the process runs Node (a Gonghui server does); undefined when /proc cannot tell. */
function runsNode(pid: number): boolean | undefined {
  try {
    const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
    return /node|tsx/i.test(basename(argv0));
  } catch {
    return undefined;
  }
}

/** What the lock file says: the pid and, where the system tells it, the process's start time. */
export function lockRecord(pid: number): string {
  const started = startTimeOf(pid);
  return started ? `${pid} ${started}` : String(pid);
}

/** The pid of the live server a lock file names, or null when the file is stale. */
function holderOf(record: string): number | null {
  const [pidText, recordedStart] = record.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isAlive(pid)) return null;
  const started = startTimeOf(pid);
  if (recordedStart && started) return recordedStart === started ? pid : null;
  // A file from before start times were kept, or a system without /proc: judge by the program.
  return runsNode(pid) === false ? null : pid;
}

/** Takes the lock or throws DataDirLockedError; returns the release function. */
export function acquirePidLock(lockFile: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx', 0o600);
      writeSync(fd, lockRecord(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = holderOf(readFileSync(lockFile, 'utf8'));
      if (holder !== null) throw new DataDirLockedError(lockFile, holder);
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`could not take ${lockFile}`);
}
