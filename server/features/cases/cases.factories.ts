/** Test code: cases straight into a test app's database through the feature's own functions (product code never imports this). */
import type { CaseAction, CaseRole } from '../../../common/cases';
import { systemContext, withTransaction } from '../../http/context';
import type { TestApp } from '../../testing/test-app';
import { openCase, type OpenCaseInput } from './open';
import { applyStep } from './steps';
import * as q from './sql';

let seq = 0;

/** Opens a case as the system, received by `receivingOrgId` at `now` (default: now). */
export async function buildCase(
  t: Pick<TestApp, 'deps'>,
  opts: Partial<OpenCaseInput> & { receivingOrgId: number },
): Promise<{ id: number; tracking_no: string }> {
  const n = ++seq;
  return withTransaction(systemContext(t.deps), (tx) =>
    openCase(tx, {
      kind: 'consultation',
      subject: 'labour_law',
      description: `测试诉求 ${n}`,
      channel: 'cadre',
      ...opts,
    }),
  );
}

/** Takes a step as the system acting in `role` (no account), at `now`; the case's current version is read first. */
export async function stepCase(
  t: Pick<TestApp, 'deps'>,
  id: number,
  action: CaseAction,
  role: CaseRole,
  body: Record<string, unknown> = {},
  now = new Date(),
): Promise<void> {
  await withTransaction(systemContext(t.deps), async (tx) => {
    const kase = await q.findCase(tx.db, id);
    await applyStep(tx, id, action, { version: kase!.version, ...body }, now, () => new Set([role]));
  });
}
