import { Type } from '@sinclair/typebox';
import { withTransaction } from '../../http/context';
import { defineJob, type JobContext } from '../../jobs/job';
import { recordAudit } from '../audit/record';
import { claimSweepable, deleteRows, existingIds } from './sql';
import { isTemporaryKey, type ObjectStorage } from './storage';

/** How long an upload may wait to be attached (a worker filling in a case form), and an object for its row. */
export const GRACE_HOURS = 24;
const BATCH = 200;
const KEY = /^files\/\d{4}\/\d{2}\/([0-9a-f-]{36})\//;

const deleteAll = (storage: ObjectStorage, keys: Array<string | null>) =>
  Promise.all(keys.filter((k): k is string => k !== null).map((k) => storage.delete(k)));

/** The month folders a crash's leftovers can be in: this one and the one before (UTC, as keys are made). */
export function recentPrefixes(now: Date): string[] {
  const month = (d: Date) => `files/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/`;
  return [month(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))), month(now)];
}

/**
 * Deletes files never attached within GRACE_HOURS and files removed from their records (bytes
 * first, then the row, so a crash between leaves a row the next run finishes), then objects with
 * no row at all — a crash between writing an upload's bytes and inserting its row — once they are
 * GRACE_HOURS old. Batches are claimed with SKIP LOCKED and every delete tolerates "already gone",
 * so a second run, or a run on another node at the same time, does no harm.
 */
export async function sweepFiles(ctx: JobContext, opts: { now?: Date; allMonths?: boolean } = {}) {
  const { storage } = ctx.state.files;
  const now = opts.now ?? new Date();
  let files = 0;
  for (;;) {
    if (ctx.signal.aborted) break;
    const done = await withTransaction(ctx, async (tx) => {
      const claimed = await claimSweepable(tx.db, GRACE_HOURS, BATCH);
      // Deleting an object twice is harmless, so a retried transaction may repeat this.
      for (const file of claimed) await deleteAll(storage, [file.storage_key, file.thumb_key]);
      if (claimed.length)
        await deleteRows(
          tx.db,
          claimed.map((f) => f.id),
        );
      return claimed.length;
    });
    files += done;
    await ctx.progress(10, `已清理 ${files} 个未使用或已删除的文件`);
    if (done < BATCH) break;
  }

  const cutoff = now.getTime() - GRACE_HOURS * 3_600_000;
  let objects = 0;
  const prefixes = opts.allMonths ? ['files/'] : recentPrefixes(now);
  for (const [i, prefix] of prefixes.entries()) {
    let pending: Array<{ key: string; id: string }> = [];
    const flush = async () => {
      const known = await existingIds(ctx.db, [...new Set(pending.map((p) => p.id))]);
      const lost = pending.filter((p) => !known.has(p.id)).map((p) => p.key);
      await deleteAll(storage, lost);
      objects += lost.length;
      pending = [];
    };
    for await (const object of storage.list(prefix)) {
      if (ctx.signal.aborted) break;
      if (object.modifiedAt.getTime() >= cutoff) continue;
      const id = KEY.exec(object.key)?.[1];
      if (!id) continue;
      // A temporary name is a write that never finished: no row ever points at it.
      if (isTemporaryKey(object.key)) {
        await storage.delete(object.key);
        objects++;
        continue;
      }
      pending.push({ key: object.key, id });
      if (pending.length >= BATCH) await flush();
    }
    await flush();
    await ctx.progress(10 + Math.round((90 * (i + 1)) / prefixes.length), `已检查 ${prefix}`);
  }

  if (files + objects > 0)
    await withTransaction(ctx, (tx) =>
      recordAudit(tx, { action: 'file.swept', entityType: 'file', details: { files, objects } }),
    );
  return { files, objects };
}

/** Hourly: removes uploads never attached and bytes nothing points at (docs/decisions/0012-uploads.md). */
export const sweepOrphanFiles = defineJob({
  name: 'files.sweep-orphans',
  payload: Type.Object(
    { all_months: Type.Optional(Type.Boolean({ description: '检查全部月份（默认只查本月和上月）' })) },
    { additionalProperties: false },
  ),
  schedule: '17 * * * *',
  run: (ctx, payload) => sweepFiles(ctx, { allMonths: payload.all_months === true }),
});
