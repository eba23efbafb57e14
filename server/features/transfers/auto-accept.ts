import { Type } from '@sinclair/typebox';
import { withTransaction, type Ctx } from '../../http/context';
import { defineJob } from '../../jobs/job';
import { decideTransfer } from './answer';
import * as q from './sql';

const BATCH = 100;

/**
 * Accepts every open transfer whose answer was due by `now` (DESIGN.md §4.5: the receiving union
 * did not answer within 10 working days), as the system, in batches of one transaction each. Rows
 * are claimed FOR UPDATE SKIP LOCKED and closed by a conditional update, so runs on several nodes
 * at once, or a cadre answering at the same moment, accept each transfer at most once.
 */
export async function acceptOverdueTransfers(ctx: Ctx, opts: { now?: Date } = {}): Promise<{ accepted: number }> {
  const now = opts.now ?? new Date();
  let accepted = 0;
  for (;;) {
    const done = await withTransaction(ctx, async (tx) => {
      const claimed = await q.claimOverdue(tx.db, now, BATCH);
      for (const { id } of claimed) {
        const row = await q.findTransfer(tx.db, Number(id));
        if (row?.state === 'pending') await decideTransfer(tx, row, { state: 'accepted', auto: true }, now);
      }
      return claimed.length;
    });
    accepted += done;
    if (done < BATCH) return { accepted };
  }
}

/** Every 15 minutes: a transfer is accepted within a quarter of an hour of its due date passing. */
export const autoAcceptJob = defineJob({
  name: 'transfers.auto-accept',
  payload: Type.Object({}, { additionalProperties: false }),
  schedule: '*/15 * * * *',
  retry: { limit: 2, delaySeconds: 60, backoff: true },
  permission: 'members.manage',
  run: (ctx) => acceptOverdueTransfers(ctx),
});
