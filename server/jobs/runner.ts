import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Value } from '@sinclair/typebox/value';
import { AppError } from '../../common/errors';
import { systemContext, type AppDeps } from '../http/context';
import { onRunEnqueued } from '../features/jobs/enqueue';
import {
  claimNextRun,
  completeRun,
  failRun,
  fireScheduleSlot,
  recoverExpiredLeases,
  releaseRun,
  renewRunLease,
  type ClaimedRun,
} from '../features/jobs/lifecycle';
import { latestSlot, parseCron, type Cron } from './cron';
import type { JobContext, JobDefinition } from './job';

export interface RunnerOptions {
  /** This node's name in the runs it holds (default host:pid:random). */
  node?: string;
  /** How many runs this node works on at once (WORKERS). Default 1. */
  concurrency?: number;
  /** How often an idle node looks for due runs and cron slots. Default 1000 ms. */
  pollMs?: number;
  /** How long a claimed run stays this node's without a sign of life; renewed every third of it. Default 60 s. */
  leaseSeconds?: number;
  /** At most one progress write per run in this interval; the latest value waits for the next. Default 1000 ms. */
  progressEveryMs?: number;
  /**
   * Whether a run enqueued in this process wakes an idle worker at once (default true). Without
   * it, as for a run enqueued on another node, the worker finds it at its next poll.
   */
  wakeOnEnqueue?: boolean;
  /** The clock cron slots are read from (tests move it). */
  now?: () => Date;
  /** Where failures of the machinery and of handlers are reported (never with a payload). */
  log?: (message: string, detail: Record<string, unknown>) => void;
}

export interface Runner {
  readonly node: string;
  /** Starts polling: claims due runs, fires cron slots, recovers expired leases, until stop(). */
  start(): void;
  /**
   * Stops claiming, waits up to `timeoutMs` for the running runs, then aborts their signals and
   * hands those still running back to the queue for another node.
   */
  stop(timeoutMs?: number): Promise<void>;
  /** One pass of timekeeping: fires the cron slots now due, requeues runs whose lease expired. */
  tick(): Promise<void>;
  /** Claims one due run and runs it to its end; false when none was due. */
  runNext(): Promise<boolean>;
}

interface Active {
  controller: AbortController;
  /** Aborted for the shutdown (not a cancel): a failure from here on hands the run back instead. */
  shuttingDown: boolean;
  done: Promise<void>;
}

/**
 * Lets timers and I/O (HTTP requests) run. PGlite answers in-process through promise callbacks
 * alone, so a worker draining a backlog, or a handler in a tight loop, would otherwise hold the
 * event loop for seconds (measured: 4 s of timer lag while 2,000 queued runs drained).
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Why a handler's signal was aborted. */
export const CANCELLED = '任务已取消';
export const SHUTTING_DOWN = '节点正在停止，任务将交给其他节点';

/** The reason a run shows for a failure: a handler's own AppError message, else a generic one (details go to the log). */
function reasonOf(err: unknown): string {
  if (err instanceof AppError) return err.message.slice(0, 500);
  return '任务执行出错（内部错误，详情见服务器日志）';
}

function validate(jobs: readonly JobDefinition[]): Map<string, { job: JobDefinition; cron?: Cron }> {
  const byName = new Map<string, { job: JobDefinition; cron?: Cron }>();
  for (const job of jobs) {
    if (byName.has(job.name)) throw new Error(`two jobs are named ${job.name}`);
    if (job.schedule && !Value.Check(job.payload, {}))
      throw new Error(`${job.name} is scheduled, so its payload schema must accept {}`);
    byName.set(job.name, { job, cron: job.schedule ? parseCron(job.schedule) : undefined });
  }
  return byName;
}

/** A node's workers over the given jobs: claims their runs from the jobs table and runs them. */
export function createRunner(deps: AppDeps, jobs: readonly JobDefinition[], options: RunnerOptions = {}): Runner {
  const byName = validate(jobs);
  const names = [...byName.keys()];
  const node = options.node ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const pollMs = options.pollMs ?? 1000;
  const leaseSeconds = options.leaseSeconds ?? 60;
  const progressEveryMs = options.progressEveryMs ?? 1000;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  const { db } = deps;
  const running = new Map<number, Active>();
  const fired = new Map<string, number>();
  let stopping = false;
  let loop: Promise<void> | null = null;
  let unsubscribe = () => {};

  let woken = false;
  let wakeUp: (() => void) | null = null;
  const wake = () => {
    woken = true;
    wakeUp?.();
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) return resolve((woken = false) as unknown as void);
      const done = () => {
        clearTimeout(timer);
        wakeUp = null;
        woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakeUp = done;
    });

  /** The cron slots due now; and, when `recover`, the runs of nodes whose lease expired. */
  async function timekeeping(recover: boolean): Promise<void> {
    for (const { job, cron } of byName.values()) {
      if (!cron) continue;
      const slot = latestSlot(cron, now());
      if (!slot || slot.getTime() <= (fired.get(job.name) ?? -Infinity)) continue;
      await fireScheduleSlot(systemContext(deps), job, slot);
      fired.set(job.name, slot.getTime());
    }
    if (!recover) return;
    const recovered = await recoverExpiredLeases(db);
    if (recovered.length) log('job runs recovered from an expired lease', { ids: recovered });
  }

  async function execute(run: ClaimedRun): Promise<void> {
    const { job } = byName.get(run.name)!;
    const controller = new AbortController();
    let settle = () => {};
    const active: Active = { controller, shuttingDown: false, done: new Promise((r) => (settle = r)) };
    running.set(run.id, active);
    let lastWrite = 0;
    let pending: { percent: number; message: string | null } | undefined;
    // A write that finds the run no longer ours (cancelled, recovered elsewhere) aborts the handler.
    const renew = async () => {
      const progress = pending;
      pending = undefined;
      lastWrite = Date.now();
      const held = await renewRunLease(db, run.id, node, leaseSeconds, progress);
      if (!held && !controller.signal.aborted) controller.abort(new Error(CANCELLED));
    };
    const heartbeat = setInterval(
      () => void renew().catch((err) => log('job lease renewal failed', { id: run.id, err: (err as Error)?.message })),
      (leaseSeconds * 1000) / 3,
    );
    heartbeat.unref();
    const ctx: JobContext = {
      ...systemContext(deps),
      jobId: String(run.id),
      signal: controller.signal,
      async progress(percent, message) {
        await yieldToEventLoop();
        pending = { percent: Math.min(100, Math.max(0, Math.round(percent))), message: message?.slice(0, 200) ?? null };
        if (Date.now() - lastWrite >= progressEveryMs) await renew();
      },
    };
    try {
      const result = await job.run(ctx, run.payload as never);
      clearInterval(heartbeat);
      await completeRun(db, run.id, node, result ?? null);
    } catch (err) {
      clearInterval(heartbeat);
      if (active.shuttingDown) await releaseRun(db, run.id, node);
      else {
        if (!controller.signal.aborted)
          log('job run failed', { job: run.name, id: run.id, attempt: run.attempts, err: (err as Error)?.message });
        await failRun(db, run.id, node, reasonOf(err));
      }
    } finally {
      running.delete(run.id);
      settle();
    }
  }

  /** Claims a due run and starts it; `done` settles when it ends (wrapped: a returned promise would be awaited). */
  async function claimAndRun(): Promise<{ done: Promise<void> } | null> {
    const run = await claimNextRun(db, names, node, leaseSeconds);
    if (!run) return null;
    const done = execute(run).catch((err) =>
      log('job outcome not recorded', { id: run.id, err: (err as Error)?.message }),
    );
    return { done };
  }

  async function poll(): Promise<void> {
    let lastTick = -Infinity;
    let lastRecovery = -Infinity;
    // Expired leases are looked for four times a lease: a dead node's run waits at most 1¼ leases.
    const recoverEveryMs = (leaseSeconds * 1000) / 4;
    while (!stopping) {
      await yieldToEventLoop();
      if (Date.now() - lastTick >= pollMs) {
        lastTick = Date.now();
        const recover = lastTick - lastRecovery >= recoverEveryMs;
        if (recover) lastRecovery = lastTick;
        await timekeeping(recover).catch((err) => log('job timekeeping failed', { err: (err as Error)?.message }));
      }
      while (!stopping && running.size < concurrency) {
        const started = await claimAndRun().catch((err) => {
          log('job claim failed', { err: (err as Error)?.message });
          return null;
        });
        if (!started) break;
        void started.done.finally(wake);
        await yieldToEventLoop();
      }
      await sleep(pollMs);
    }
  }

  return {
    node,
    tick: () => timekeeping(true),
    async runNext() {
      const started = await claimAndRun();
      if (!started) return false;
      await started.done;
      return true;
    },
    start() {
      if (loop || names.length === 0) return;
      if (options.wakeOnEnqueue !== false) unsubscribe = onRunEnqueued(wake);
      loop = poll();
    },
    async stop(timeoutMs = 10_000) {
      stopping = true;
      unsubscribe();
      wake();
      await loop;
      const waitFor = (ms: number) =>
        Promise.race([
          Promise.allSettled([...running.values()].map((a) => a.done)),
          new Promise((r) => setTimeout(r, ms).unref()),
        ]);
      await waitFor(timeoutMs);
      if (running.size === 0) return;
      for (const active of running.values()) {
        active.shuttingDown = true;
        active.controller.abort(new Error(SHUTTING_DOWN));
      }
      // A moment for the handlers to stop at their next safe point; those that do not are released anyway.
      await waitFor(Math.min(1000, timeoutMs));
      for (const id of [...running.keys()]) await releaseRun(db, id, node);
    },
  };
}
