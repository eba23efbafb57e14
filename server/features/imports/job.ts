import { unlink } from 'node:fs/promises';
import { Type } from '@sinclair/typebox';
import { defineJob } from '../../jobs/job';
import { runImport } from './run-import';
import * as q from './sql';

/** Deletes an upload whose import has ended (data minimisation); already gone is fine. */
export const removeUpload = (path: string) =>
  unlink(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });

/**
 * Works one import (runImport): enqueued by the upload, in its transaction. The checkpoint makes it
 * idempotent: a retry after a failure, or a second node after a crash (the lease ran out), goes on
 * after the last committed batch. Stopped mid-way (cancelled, node shutting down) it throws, so the
 * runner hands the run back or records it, never as a success.
 */
export const runImportJob = defineJob({
  name: 'imports.run',
  payload: Type.Object({ import_id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  retry: { limit: 3, delaySeconds: 10, backoff: true },
  async run(ctx, { import_id: id }) {
    const imp = await q.findImport(ctx.db, id);
    if (!imp) return { import_id: id, state: 'missing' };
    const kind = ctx.state.imports.kinds.get(imp.kind);
    if (!kind) throw new Error(`import kind ${imp.kind} is not declared`);
    const end = await runImport(ctx, kind, id, {
      ...ctx.state.imports.run,
      signal: ctx.signal,
      progress: (percent, message) => ctx.progress(percent, message),
    });
    if (end.status === 'running') throw ctx.signal.reason ?? new Error('import stopped before its end');
    await removeUpload(end.file_path);
    return {
      import_id: id,
      state: end.status,
      written: end.written_rows,
      duplicates: end.duplicate_rows,
      errors: end.error_rows,
    };
  },
});
