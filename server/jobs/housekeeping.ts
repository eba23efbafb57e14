import type { Db } from '../db/database';
import { purgeExpiredAuthRecords } from '../features/auth/sessions';
import { purgeIdempotencyKeys } from '../http/idempotency';

const EVERY_MS = 60 * 60_000;

/** One pass: deletes what has expired in the tables that would otherwise grow for ever. */
export async function runHousekeeping(db: Db) {
  return { ...(await purgeExpiredAuthRecords(db)), idempotencyKeys: await purgeIdempotencyKeys(db) };
}

/**
 * Runs a pass now and then hourly, in this process (the job queue arrives with pg-boss in a
 * later issue). Every node may run it: the deletes are idempotent. Returns a stop function.
 */
export function scheduleHousekeeping(db: Db, onError: (err: unknown) => void): () => void {
  const pass = () => void runHousekeeping(db).catch(onError);
  pass();
  const timer = setInterval(pass, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
