import { formatOrgCode } from '../../../common/org-code';
import type { Ctx } from '../../http/context';
import type { DemoWorld } from '../../http/feature';
import { decideTransfer } from './answer';
import { openTransfer } from './service';
import * as q from './sql';

// Demo transfers (DESIGN.md §8), so the 宿城 reviewer (sucheng) has work: two coming in from 青岛
// and 合肥, one going out to 沭阳, one overdue that the auto-accept job takes on the first start,
// and some history (accepted, refused, withdrawn) on members' profiles.

interface DemoTransfer {
  from: string;
  /** Which active member of `from`, oldest first. */
  nth: number;
  to: string;
  by: 'member' | 'org';
  reason: string;
  daysAgo: number;
  outcome?: { state: 'accepted' } | { state: 'refused'; reason: string } | { state: 'cancelled' };
  /** Days after the request the outcome came. */
  decidedAfter?: number;
}

const TRANSFERS: DemoTransfer[] = [
  {
    from: 'sd.qd.ridehail',
    nth: 0,
    to: 'js.sq.sc.delivery.meituan',
    by: 'member',
    reason: '回宿迁老家跑外卖',
    daysAgo: 2,
  },
  { from: 'ah.hf.fx.by.auto', nth: 0, to: 'js.sq.sc.xf.hengda', by: 'org', reason: '调入恒达纺织工作', daysAgo: 6 },
  { from: 'js.sq.sc.express.sf', nth: 0, to: 'js.sq.sy.flower', by: 'member', reason: '转行做花木电商', daysAgo: 1 },
  {
    from: 'js.sq.sc.delivery.eleme',
    nth: 0,
    to: 'js.sq.sc.xf.yh.shops',
    by: 'member',
    reason: '在阅湖社区开店',
    daysAgo: 30,
  },
  {
    from: 'js.sq.sc.delivery.uu',
    nth: 0,
    to: 'js.sq.sc.delivery.meituan',
    by: 'member',
    reason: '改跑美团专送',
    daysAgo: 60,
    outcome: { state: 'accepted' },
    decidedAfter: 3,
  },
  {
    from: 'js.sq.sc.express.jd',
    nth: 0,
    to: 'js.sq.sc.gc.runjie',
    by: 'org',
    reason: '拟转入润洁环境',
    daysAgo: 40,
    outcome: { state: 'refused', reason: '经核实该职工未在本公司就业，请确认工作单位后重新申请' },
    decidedAfter: 4,
  },
  {
    from: 'sd.qd.ridehail',
    nth: 1,
    to: 'js.sq.sc.delivery.eleme',
    by: 'member',
    reason: '回宿迁工作',
    daysAgo: 20,
    outcome: { state: 'cancelled' },
    decidedAfter: 1,
  },
];

const DAY_MS = 86_400_000;

/** Writes the demo transfers through this feature's own open and decide functions. */
export async function seedDemoTransfers(tx: Ctx, world: DemoWorld): Promise<void> {
  for (const d of TRANSFERS) {
    const fromId = world.orgIds.get(d.from);
    const toId = world.orgIds.get(d.to);
    if (fromId === undefined || toId === undefined) continue;
    const picked = (await q.findActiveMemberIds(tx.db, fromId, d.nth + 1))[d.nth];
    const member = picked && (await q.findMemberForUpdate(tx.db, Number(picked.id)));
    if (!member) continue;
    const requested = new Date(Date.now() - d.daysAgo * DAY_MS);
    const id = await openTransfer(tx, {
      member,
      toOrgCode: formatOrgCode(toId),
      requestedBy: d.by,
      reason: d.reason,
      now: requested,
    });
    if (!d.outcome) continue;
    const row = (await q.findTransfer(tx.db, id, true))!;
    const decidedAt = new Date(requested.getTime() + (d.decidedAfter ?? 1) * DAY_MS);
    const o = d.outcome;
    await decideTransfer(
      tx,
      row,
      o.state === 'accepted'
        ? { state: 'accepted', auto: false }
        : o.state === 'refused'
          ? { state: 'refused', reason: o.reason }
          : { state: 'cancelled', by: 'member' },
      decidedAt,
    );
  }
}
