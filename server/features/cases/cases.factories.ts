/** Test code: cases straight into a test app's database through the feature's own functions (product code never imports this). */
import type { Insertable } from 'kysely';
import {
  type CaseAction,
  type CaseCategory,
  type CaseKind,
  type CaseRole,
  type CaseStatus,
  CASE_STATUSES,
} from '../../../common/cases';
import type { CasesTable } from '../../db/schema';
import { systemContext, withTransaction } from '../../http/context';
import type { TestApp } from '../../testing/test-app';
import { nextTestPhone } from '../members/members.factories';
import { sealNormalisedPhone, sealPhone } from '../members/personal';
import type { BuiltOrg } from '../orgs/orgs.factories';
import { openCase, type OpenCaseInput } from './open';
import { applyStep } from './steps';
import * as q from './sql';
import * as qa from './answers-sql';
import * as qd from './duty-sql';

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

/** A knowledge-base answer of `orgId`. */
export async function buildAnswer(t: Pick<TestApp, 'db'>, orgId: number, title = `测试问题 ${++seq}`) {
  return qa.insertAnswer(t.db, { org_id: orgId, title, body: '测试答复', keywords: '' });
}

/** A duty phone of `orgId` (a fresh test number); its id. */
export async function buildDutyPhone(t: Pick<TestApp, 'db' | 'cipher'>, orgId: number): Promise<number> {
  const sealed = sealNormalisedPhone(t.cipher, nextTestPhone());
  const row = await qd.insertDutyPhone(t.db, { org_id: orgId, label: '测试值班室', ...sealed, created_by: null });
  return row!.id;
}

/** Drops every duty phone of `orgId`. */
export async function clearDutyPhones(t: Pick<TestApp, 'db'>, orgId: number): Promise<void> {
  await qd.deleteDutyPhones(t.db, orgId);
}

let rowSeq = 0;

/**
 * One case row as it stands at a point of its life, inserted as is through sql.ts (no routing, no
 * calendar, no events): for the sweep, the figures and the ledger, which read rows whatever wrote
 * them. `receiving` is the receiving union; `handling` the handling one (then it counts as
 * dispatched at `dispatchedAt`, default receipt + 1 h). Everything else may be set in `set`.
 */
export async function buildCaseRow(
  t: Pick<TestApp, 'db' | 'cipher'>,
  opts: {
    receiving: BuiltOrg;
    handling?: BuiltOrg;
    status?: CaseStatus;
    kind?: CaseKind;
    subject?: string;
    receivedAt?: Date;
    dueAt: Date;
    phone?: string | null;
    set?: Partial<Insertable<CasesTable>>;
  },
): Promise<{ id: number; trackingNo: string }> {
  const seq = ++rowSeq;
  const receivedAt = opts.receivedAt ?? new Date(opts.dueAt.getTime() - 5 * 86_400_000);
  const status: CaseStatus = opts.status ?? (opts.handling ? 'signed' : 'received');
  const category: CaseCategory = CASE_STATUSES[status];
  const trackingNo = `GD${String(process.pid % 1_000_000).padStart(6, '0')}${seq.toString(36).toUpperCase().padStart(6, '0')}`;
  const phone = opts.phone === undefined ? `139${String(10_000_000 + seq).slice(-8)}` : opts.phone;
  const sealed = phone ? sealPhone(t.cipher, phone) : null;
  const kind = opts.kind ?? 'complaint';
  const inserted = await q.insertCase(t.db, {
    tracking_no: trackingNo,
    kind,
    subject: opts.subject ?? (kind === 'complaint' ? 'wage_arrears' : 'other'),
    channel: 'h5',
    status,
    category,
    requester_name_enc: t.cipher.encrypt('张三'),
    requester_name_masked: '张*',
    phone_hash: sealed?.phone_hash ?? null,
    phone_enc: sealed?.phone_enc ?? null,
    phone_masked: sealed?.phone_masked ?? null,
    description_enc: t.cipher.encrypt('测试诉求：工资拖欠三个月'),
    employer_name: '宿迁某物流有限公司',
    receiving_org_id: opts.receiving.id,
    handling_org_id: opts.handling?.id ?? null,
    party_paths: [opts.receiving.path, ...(opts.handling ? [opts.handling.path] : [])],
    received_at: receivedAt,
    dispatch_due_at: new Date(receivedAt.getTime() + 3_600_000),
    dispatched_at: opts.handling ? new Date(receivedAt.getTime() + 3_600_000) : null,
    clock_from: receivedAt,
    clock_days: 5,
    due_at: opts.dueAt,
    ...opts.set,
  });
  if (!inserted) throw new Error(`tracking number ${trackingNo} taken`);
  return { id: Number(inserted.id), trackingNo };
}

/** A step's timeline row on a case (the event a notice is keyed to), as the system wrote it. */
export function buildCaseEvent(
  t: Pick<TestApp, 'db'>,
  caseId: number,
  action: string,
  at = new Date(),
): Promise<number> {
  return q.insertEvent(t.db, { case_id: caseId, action, at, actor_kind: 'system' }).then((e) => Number(e.id));
}
