/**
 * The server half of an HTTP bench in a process of its own, so the app's event loop is not the
 * load generator's (each gets a core). The child script opens its database, listens on loopback and
 * sends `{ type: 'ready', fixture }`; it stops on `{ type: 'stop' }` and when the parent goes away.
 * Between the two, `ask` sends `{ type: 'ask', what }` and waits for the child's
 * `{ type: 'answer', what, value }` (a count the parent cannot read itself, as from PGlite).
 */
import { fork } from 'node:child_process';

export interface ForkedServer<F> {
  fixture: F;
  /** The child's process id (to profile it or read its CPU time). */
  pid: number;
  ask: <A>(what: string) => Promise<A>;
  stop: () => Promise<void>;
}

interface ChildMessage {
  type: 'ready' | 'answer';
  fixture?: unknown;
  what?: string;
  value?: unknown;
}

/** Forks `script` (a .ts file, run by tsx) with `env` added, and waits for its fixture. */
export function forkServer<F>(
  script: string,
  env: Record<string, string> = {},
  options: { execArgv?: string[] } = {},
): Promise<ForkedServer<F>> {
  const child = fork(script, [], {
    execArgv: [...(options.execArgv ?? []), '--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waiting = new Map<string, (value: unknown) => void>();
  child.on('message', (msg: ChildMessage) => {
    if (msg.type === 'answer' && msg.what !== undefined) {
      waiting.get(msg.what)?.(msg.value);
      waiting.delete(msg.what);
    }
  });
  const ask = <A>(what: string) =>
    new Promise<A>((resolve) => {
      waiting.set(what, resolve as (value: unknown) => void);
      child.send({ type: 'ask', what });
    });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
  };
  return new Promise((resolve, reject) => {
    child.once('message', (msg: ChildMessage) => resolve({ fixture: msg.fixture as F, pid: child.pid!, ask, stop }));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code} before it was ready`)));
  });
}
