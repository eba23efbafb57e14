import { Type } from '@sinclair/typebox';
import { withTransaction } from '../../http/context';
import type { SealedColumns } from '../../db/rekey';
import { countStale, reencryptBatch } from '../../db/rekey';
import { defineJob } from '../../jobs/job';

declare module '../../http/context' {
  interface FeatureState {
    system: { sealed: readonly SealedColumns[] };
  }
}

/** Rows re-encrypted per transaction: short locks, so edits and joins never wait long on one. */
export const REKEY_BATCH = 500;

/**
 * Re-encrypts personal data under the newest data key (GONGHUI_DATA_KEYS, README: key rotation):
 * every ciphertext column the features declare (Feature.sealedColumns), batch by batch while the
 * app runs, each batch its own transaction. Nightly, and cheap when there is nothing to do; safe on
 * many nodes at once (SKIP LOCKED) and after a crash (it picks up what is still stale).
 */
export const rekeyJob = defineJob({
  name: 'system.rekey',
  payload: Type.Object({}, { additionalProperties: false }),
  schedule: '30 3 * * *',
  retry: { limit: 2, delaySeconds: 300, backoff: true },
  permission: 'audit.read',
  async run(ctx) {
    const sealed = ctx.state.system.sealed;
    const counts: Record<string, number> = {};
    const total = (
      await Promise.all(sealed.map(async (spec) => [spec, await countStale(ctx.db, ctx.cipher, spec)] as const))
    ).reduce((n, [, stale]) => n + stale, 0);
    let done = 0;
    for (const spec of sealed) {
      counts[spec.table] = 0;
      for (;;) {
        if (ctx.signal.aborted) return { key_version: ctx.cipher.currentVersion, rewritten: counts, stopped: true };
        const n = await withTransaction(ctx, (tx) => reencryptBatch(tx.db, tx.cipher, spec, REKEY_BATCH));
        if (n === 0) break;
        counts[spec.table] = (counts[spec.table] ?? 0) + n;
        done += n;
        await ctx.progress(
          total ? Math.min(99, Math.floor((done / total) * 100)) : 99,
          `已用新密钥重新加密 ${done} 行`,
        );
      }
    }
    return { key_version: ctx.cipher.currentVersion, rewritten: counts };
  },
});
