import { CaseLedgerQuery } from '../../../common/api/cases';
import { dayOfInstant, isoFromDay, SHANGHAI_OFFSET_MS } from '../../../common/calendar/days';
import {
  CASE_KIND_LABELS,
  CASE_SUBJECT_LABELS,
  CATEGORY_LABELS,
  RATING_LABELS,
  TIER_LABELS,
  type CaseChannel,
  type CaseSubject,
} from '../../../common/cases';
import { AppError } from '../../../common/errors';
import { defineExportKind, exportColumns, yesNoCell } from '../../http/export-kind';
import { figuresWindow } from './rates';
import * as q from './sql';
import * as qf from './figures-sql';

const PAGE = 500;

export const CHANNEL_LABELS: Record<CaseChannel, string> = {
  h5: '网上（H5）',
  hotline: '12351 热线',
  cadre: '干部录入',
  station: '驿站',
  visit: '联系基层',
};

/** An instant as a cadre reads it: Shanghai time to the minute. */
const minute = (d: Date | null) =>
  d === null ? null : new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
/** A due instant (00:00 +08:00 after the last working day) as the due date people read: that last day. */
const dueDate = (d: Date) => isoFromDay(dayOfInstant(d.getTime() - 1));
const yuan = (fen: number | null) => (fen === null ? null : Number((Number(fen) / 100).toFixed(2)));

/**
 * 工单台账: one row per case in the figures' scope and period (rates.ts: the cases handled in the
 * org's subtree, received from `from` to `to`), oldest first, read in keyset pages. The requester
 * appears masked only (name and phone as the lists show them; anonymous cases as 匿名), so there is
 * no unmasked export; the description is not in it. Statuses carry the org's own labels. Needs
 * stats.read to export; the rows follow the figures' scope (stats.read or cases.supervise), and an
 * org outside it exports an empty sheet, as a list shows nothing.
 */
export const caseLedgerExportKind = defineExportKind({
  name: 'cases.ledger',
  path: '/cases/ledger',
  title: '工单台账',
  permission: 'stats.read',
  filters: CaseLedgerQuery,
  columns: exportColumns({
    tracking_no: ['工单号', 16],
    received_at: ['受理时间', 17],
    kind: ['诉求类别', 14],
    subject: ['诉求事项', 14],
    tier: ['难易程度', 10],
    emergency: ['紧急', 6],
    channel: ['来源渠道', 12],
    requester: ['诉求人', 10],
    phone: ['联系电话', 14],
    employer: ['用人单位', 26],
    receiving_org: ['受理工会', 24],
    handling_org: ['承办工会', 24],
    status: ['状态', 10],
    dispatched_at: ['派单时间', 17],
    signed_at: ['签收时间', 17],
    signed_on_time: ['按时签收', 9],
    due_date: ['办理期限', 12],
    replied_at: ['反馈时间', 17],
    closed_at: ['办结时间', 17],
    handling_days: ['办理用时（工作日）', 10],
    supervised: ['督办', 6],
    publicised: ['通报', 6],
    rating: ['评价', 10],
    resolved: ['问题是否解决', 10],
    wage_claimed: ['主张金额（元）', 14],
    wage_recovered: ['追回金额（元）', 14],
  }),
  orgOf: (filters) => filters.org_id,
  async *rows(ctx, filters, { actor }) {
    let w;
    try {
      w = await figuresWindow(ctx, actor, filters);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') return;
      throw err;
    }
    const labels = new Map<string, string>();
    // Platform rows first, then the org's ancestors' from the top down: the nearest one wins.
    for (const s of await q.findStatusLabels(ctx.db, w.org.path)) labels.set(s.code, s.label_zh);
    let after: [Date, number] | undefined;
    for (;;) {
      const page = await qf.listLedgerCases(ctx.db, {
        orgPath: w.org.path,
        from: w.from,
        to: w.to,
        after,
        limit: PAGE,
      });
      for (const c of page)
        yield {
          tracking_no: c.tracking_no,
          received_at: minute(c.received_at),
          kind: CASE_KIND_LABELS[c.kind],
          subject: CASE_SUBJECT_LABELS[c.subject as CaseSubject] ?? c.subject,
          tier: TIER_LABELS[c.tier],
          emergency: yesNoCell(c.emergency),
          channel: CHANNEL_LABELS[c.channel],
          requester: c.anonymous ? '匿名' : c.requester_name_masked,
          phone: c.phone_masked,
          employer: c.employer_name,
          receiving_org: c.receiving_org,
          handling_org: c.handling_org,
          status: labels.get(c.status) ?? CATEGORY_LABELS[c.category],
          dispatched_at: minute(c.dispatched_at),
          signed_at: minute(c.signed_at),
          signed_on_time: yesNoCell(c.signed_on_time),
          due_date: dueDate(c.due_at),
          replied_at: minute(c.replied_at),
          closed_at: minute(c.closed_at),
          handling_days: c.handling_days,
          supervised: yesNoCell(Boolean(c.supervised_for)),
          publicised: yesNoCell(Boolean(c.publicised_for)),
          rating: c.rating ? RATING_LABELS[c.rating] : null,
          resolved: yesNoCell(c.rating_resolved),
          wage_claimed: yuan(c.wage_claimed_fen),
          wage_recovered: yuan(c.wage_recovered_fen),
        };
      if (page.length < PAGE) return;
      const last = page[page.length - 1]!;
      after = [last.received_at, Number(last.id)];
    }
  },
});
