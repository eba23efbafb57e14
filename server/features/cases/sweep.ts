import { Type } from '@sinclair/typebox';
import { workingDaysBetween } from '../../../common/calendar/due';
import { dayOfInstant, startOfDay } from '../../../common/calendar/days';
import type { WorkCalendar } from '../../../common/calendar/work-calendar';
import { PUBLICISE_AFTER_WORKING_DAYS, REMIND_BEFORE_HOURS } from '../../../common/cases';
import { withTransaction, type Ctx } from '../../http/context';
import { defineJob } from '../../jobs/job';
import { currentCalendar } from '../calendar/state';
import { enqueueDutyPage } from './duty';
import * as qs from './sweep-sql';

/** Rows per batch: each batch is one statement in one short transaction. */
export const SWEEP_BATCH = 500;

export interface SweepResult {
  /** 催办 events written (cases due within REMIND_BEFORE_HOURS). */
  reminded: number;
  /** 督办 events written (past due; and emergencies not dispatched within the hour). */
  supervised: number;
  /** 通报 events written (still overdue PUBLICISE_AFTER_WORKING_DAYS working days later). */
  publicised: number;
  /** Of `supervised`, the emergencies not dispatched within the hour (each also pages the union above's duty desks). */
  emergencies: number;
}

/**
 * The instant a case's due date must lie at or before to be PUBLICISE_AFTER_WORKING_DAYS working
 * days overdue at `now`: the start of the latest day D such that that many working days have fully
 * elapsed after D − 1 (common/calendar/due.ts workingDaysBetween, on the national calendar or the
 * region's). A due
 * date is the 00:00 +08:00 after its last working day, so a case due on 2026-10-13 (due_at 10-14
 * 00:00) is listed from 10-21 00:00: the 14th, 15th, 16th, 19th and 20th have passed.
 * Null when the calendar does not reach back that far (nothing that old is swept).
 */
export function publiciseCutoff(
  cal: WorkCalendar,
  now: Date,
  days = PUBLICISE_AFTER_WORKING_DAYS,
  regionCode?: string,
): Date | null {
  // Each step back adds at most one working day, and a holiday run is at most ~9 days long.
  for (let day = dayOfInstant(now.getTime()), steps = 0; steps < days * 4 + 30; day--, steps++) {
    const start = startOfDay(day);
    try {
      if (workingDaysBetween(cal, new Date(start - 1), now, regionCode) >= days) return new Date(start);
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * The national cutoff and one per regional prefix the calendar holds (longest first), so a case
 * counted on a region's calendar is listed by that calendar; null when the national calendar does
 * not reach back far enough.
 */
export function publiciseCutoffs(cal: WorkCalendar, now: Date): qs.PubliciseCutoffs | null {
  const national = publiciseCutoff(cal, now);
  if (!national) return null;
  const prefixes = [...cal.regional.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
  return {
    national,
    regional: prefixes.map((prefix) => ({ prefix, cutoff: publiciseCutoff(cal, now, undefined, prefix) })),
  };
}

type Step = (after: qs.SweepAfter) => Promise<qs.SweepBatch>;

/** Runs one step in keyset batches (each its own transaction) until a batch comes back short. */
async function runStep(
  ctx: Ctx,
  name: keyof SweepResult,
  step: (db: Ctx['db']) => Step,
  onStep?: SweepOptions['onStep'],
  /** Called in the batch's transaction with what it took (the emergencies enqueue their pages). */
  inBatch?: (tx: Ctx, batch: qs.SweepBatch) => Promise<void>,
): Promise<number> {
  const started = performance.now();
  let after: qs.SweepAfter = null;
  let taken = 0;
  for (;;) {
    const batch = await withTransaction(ctx, async (tx) => {
      const b = await step(tx.db)(after);
      await inBatch?.(tx, b);
      return b;
    });
    taken += batch.taken;
    if (batch.picked < SWEEP_BATCH || !batch.last) break;
    after = batch.last;
  }
  onStep?.(name, taken, performance.now() - started);
  return taken;
}

export interface SweepOptions {
  /** The sweep's clock (tests and the benchmark move it); default: now. */
  now?: Date;
  /** Told after each step how many events it wrote and how long it took (the benchmark's timings). */
  onStep?: (step: keyof SweepResult, taken: number, ms: number) => void;
}

/**
 * The supervision sweep (DESIGN.md §4.4, issue 9 item 5) over open cases whose clock runs (new,
 * dispatched, in progress; a parked case's clock is paused and it is not swept):
 * - 催办: due within REMIND_BEFORE_HOURS and not yet past → a 'remind' event for the handling union;
 * - 督办: past due → a 'supervise' event by the union above the handling one (the receiving one
 *   before dispatch): the upper union supervises;
 * - 通报: still overdue PUBLICISE_AFTER_WORKING_DAYS working days later on the calendar → 'publicise';
 * - an emergency still waiting for dispatch past its hour → one 'supervise' event marked
 *   `emergency` by the union above, and a page of that union's duty desks (duty.ts: its 值班电话,
 *   else its nearest ancestor's), enqueued in the batch's transaction. The receiving union's own
 *   desks were paged as the emergency arrived (open.ts).
 * Each step is one conditional UPDATE … RETURNING per batch whose condition names the due date it
 * was last taken for (reminded_for / supervised_for / publicised_for), so it is taken once per due
 * date however often and on however many nodes the sweep runs; an extension or a reopening moves
 * due_at, and the new date is taken once again. The sweep never bumps a case's `version`.
 */
export async function sweepCases(ctx: Ctx, opts: SweepOptions = {}): Promise<SweepResult> {
  const now = opts.now ?? new Date();
  const until = new Date(now.getTime() + REMIND_BEFORE_HOURS * 3_600_000);
  const { cal } = await currentCalendar(ctx);
  const cutoffs = publiciseCutoffs(cal, now);
  const { onStep } = opts;
  const emergencies = await runStep(
    ctx,
    'emergencies',
    (db) => (after) => qs.superviseUndispatchedEmergencies(db, now, after, SWEEP_BATCH),
    onStep,
    async (tx, batch) => {
      for (const e of batch.events ?? [])
        if (e.org_id !== null)
          await enqueueDutyPage(tx, {
            caseId: e.case_id,
            orgId: e.org_id,
            eventId: e.event_id,
            reason: 'undispatched',
          });
    },
  );
  const supervised = await runStep(
    ctx,
    'supervised',
    (db) => (after) => qs.superviseOverdue(db, now, after, SWEEP_BATCH),
    onStep,
  );
  const reminded = await runStep(
    ctx,
    'reminded',
    (db) => (after) => qs.remindDueSoon(db, now, until, after, SWEEP_BATCH),
    onStep,
  );
  const publicised = cutoffs
    ? await runStep(
        ctx,
        'publicised',
        (db) => (after) => qs.publiciseOverdue(db, now, cutoffs, after, SWEEP_BATCH),
        onStep,
      )
    : 0;
  return { reminded, supervised: supervised + emergencies, publicised, emergencies };
}

/** Every 5 minutes: a reminder lands within five minutes of its window opening, 督办 within five of the deadline. */
export const sweepJob = defineJob({
  name: 'cases.sweep',
  payload: Type.Object({}, { additionalProperties: false }),
  schedule: '*/5 * * * *',
  retry: { limit: 2, delaySeconds: 60, backoff: true },
  permission: 'cases.supervise',
  run: async (ctx) => ({ ...(await sweepCases(ctx)) }),
});
