import { testIdNumber } from '../../../common/id-number';
import type { Occupation } from '../../../common/members';
import type { Ctx } from '../../http/context';
import type { DemoWorld } from '../../http/feature';
import type { Scope } from '../../http/scope';
import { sealIdNumber, sealPhone } from '../members/personal';
import { decideInTransaction, type Decision } from './review';
import { submitJoin } from './service';
import * as q from './sql';

// The review queues' demo (DESIGN.md §8): work waiting for the accounts that hold joins.review in
// 宿城 (sucheng, xingfu): joins to 幸福街道 waiting for review, gig workers in the 宿城区 holding pool
// waiting for placement, and a few decided ones with their reasons. Every application goes through
// submitJoin and every decision through the reviewers' own decideInTransaction, as the system.

interface DemoJoin {
  name: string;
  /** The union joined by its code (demo key); none: the holding pool of the work area. */
  org?: string;
  occupation: Occupation;
  platform?: string;
  employer?: string;
  /** How long ago it arrived. */
  hoursAgo: number;
  decide?: { action: 'approve' } | { action: 'refuse'; reason: string } | { action: 'place'; org: string };
}

const JOINS: DemoJoin[] = [
  // 幸福街道总工会 reviews its joins: these wait.
  { name: '陈思远', org: 'js.sq.sc.xf', occupation: 'employee', employer: '宿迁幸福物业服务有限公司', hoursAgo: 3 },
  { name: '刘晓燕', org: 'js.sq.sc.xf', occupation: 'domestic_worker', employer: '阅湖家政服务站', hoursAgo: 20 },
  { name: '张建华', org: 'js.sq.sc.xf', occupation: 'truck_driver', hoursAgo: 30 },
  { name: '周婷', org: 'js.sq.sc.xf', occupation: 'employee', employer: '幸福街道便民超市', hoursAgo: 52 },
  { name: '吴海波', org: 'js.sq.sc.xf', occupation: 'courier', platform: '中通', hoursAgo: 75 },
  { name: '郑小梅', org: 'js.sq.sc.xf', occupation: 'live_streamer', platform: '抖音', hoursAgo: 130 },
  // Gig workers with no union at their employer: members at once, waiting in the 宿城区 pool.
  { name: '孙浩然', occupation: 'delivery_rider', platform: '美团', hoursAgo: 1 },
  { name: '马骁', occupation: 'delivery_rider', platform: '饿了么', hoursAgo: 6 },
  { name: '胡佳怡', occupation: 'live_streamer', platform: '快手', hoursAgo: 26 },
  { name: '郭磊', occupation: 'ride_hailing_driver', platform: '滴滴', hoursAgo: 49 },
  { name: '何志强', occupation: 'delivery_rider', platform: '美团', hoursAgo: 98 },
  { name: '林小龙', occupation: 'courier', platform: '极兔', hoursAgo: 170 },
  { name: '罗雪', occupation: 'delivery_rider', platform: '闪送', hoursAgo: 220 },
  // Decided: approved, refused with the reason the applicant reads, placed in a union.
  { name: '宋明亮', org: 'js.sq.sc.xf', occupation: 'employee', hoursAgo: 200, decide: { action: 'approve' } },
  {
    name: '唐玉兰',
    org: 'js.sq.sc.xf',
    occupation: 'employee',
    employer: '南京某贸易公司',
    hoursAgo: 190,
    decide: { action: 'refuse', reason: '工作单位不在幸福街道辖区，请向工作单位所在地工会申请入会' },
  },
  {
    name: '韩冬',
    org: 'js.sq.sc.xf',
    occupation: 'truck_driver',
    hoursAgo: 160,
    decide: { action: 'refuse', reason: '身份信息与本人不符，请本人重新申请' },
  },
  {
    name: '冯晓东',
    occupation: 'delivery_rider',
    platform: '美团',
    hoursAgo: 300,
    decide: { action: 'place', org: 'js.sq.sc.delivery' },
  },
  {
    name: '曹春梅',
    occupation: 'domestic_worker',
    hoursAgo: 280,
    decide: { action: 'place', org: 'js.sq.sc.xf.yh' },
  },
];

/** Unions that approve joins at once (the platform site unions of the QR drives); 幸福街道 reviews. */
const SETTINGS: Array<[string, boolean]> = [
  ['js.sq.sc.delivery.meituan', true],
  ['js.sq.sc.delivery.eleme', true],
  ['js.sq.sc.xf', false],
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Writes the demo applications through submitJoin and decides some through decideInTransaction. */
export async function seedDemoJoins(tx: Ctx, world: DemoWorld): Promise<void> {
  const county = world.orgIds.get('js.sq.sc');
  if (county === undefined) return;
  const countyOrg = await q.findOrg(tx.db, county);
  if (!countyOrg) return;
  const scope: Scope = { permission: 'joins.review', paths: [countyOrg.path] };
  for (const [key, autoApprove] of SETTINGS) {
    const orgId = world.orgIds.get(key);
    if (orgId !== undefined) await q.upsertSettings(tx.db, orgId, autoApprove, null);
  }
  for (const [n, demo] of JOINS.entries()) {
    const orgId = demo.org ? world.orgIds.get(demo.org) : null;
    if (orgId === undefined) continue;
    // Address prefix 99 (test numbers), beyond the demo members' 990000–990299; phones 177….
    const idNumber = testIdNumber(
      `${1975 + ((n * 7) % 25)}-${pad(1 + (n % 12), 2)}-${pad(1 + ((n * 3) % 28), 2)}`,
      n,
      `99${pad(7000 + n, 4)}`,
    );
    const phone = `177${pad(61_000_000 + n * 3_571, 8)}`;
    const answer = await submitJoin(tx, {
      name: demo.name,
      id: sealIdNumber(tx.cipher, idNumber),
      phone: sealPhone(tx.cipher, phone),
      rawPhone: phone,
      otp: '',
      orgId,
      foundBy: 'qr',
      occupation: demo.occupation,
      platform: demo.platform ?? null,
      employer: demo.employer ?? null,
      workRegionCode: '321302',
      residenceRegionCode: null,
    });
    const app = await q.findApplicationByNo(tx.db, answer.application_no);
    if (!app) continue;
    const id = Number(app.id);
    if (demo.decide) {
      const d = demo.decide;
      const decision: Decision = d.action === 'place' ? { action: 'place', orgId: world.orgIds.get(d.org) ?? -1 } : d;
      await decideInTransaction(tx, scope, id, 1, decision);
    }
    await q.backdateApplication(tx.db, id, demo.hoursAgo);
  }
}
