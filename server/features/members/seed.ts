import { COMMON_GIVEN_NAMES as GIVEN, COMMON_SURNAMES as SURNAMES } from '../../../common/names';
import { testIdNumber } from '../../../common/id-number';
import type { HardshipLevel, Occupation } from '../../../common/members';
import type { Ctx } from '../../http/context';
import type { DemoWorld } from '../../http/feature';
import { addHonour, setHardshipLevel, type NewHonour } from './honours';
import { sealIdNumber, sealPhone } from './personal';
import { createMember, lapseMember, type NewMember } from './service';

// ~200 demo members (DESIGN.md §8) across the demo tree: the riders, couriers and sanitation
// workers of 宿城, pooled gig workers waiting for placement, factory employees in 柏堰 and 恒达,
// 青岛's ride-hailing drivers. Names, ID numbers (address prefix 99) and phones are deterministic.

interface Group {
  org: string;
  count: number;
  occupation: Occupation;
  platform?: string;
  employer?: string;
  channel: NewMember['channel'];
}

const GROUPS: Group[] = [
  {
    org: 'js.sq.sc.delivery.meituan',
    count: 36,
    occupation: 'delivery_rider',
    platform: '美团',
    employer: '宿迁美团骑手站点（众包）',
    channel: 'qr',
  },
  {
    org: 'js.sq.sc.delivery.eleme',
    count: 28,
    occupation: 'delivery_rider',
    platform: '饿了么',
    employer: '宿迁饿了么蜂鸟配送站',
    channel: 'qr',
  },
  { org: 'js.sq.sc.delivery.shansong', count: 8, occupation: 'delivery_rider', platform: '闪送', channel: 'search' },
  { org: 'js.sq.sc.delivery.uu', count: 8, occupation: 'delivery_rider', platform: 'UU跑腿', channel: 'search' },
  {
    org: 'js.sq.sc.express.sf',
    count: 16,
    occupation: 'courier',
    platform: '顺丰',
    employer: '顺丰速运宿城营业部',
    channel: 'qr',
  },
  {
    org: 'js.sq.sc.express.jd',
    count: 14,
    occupation: 'courier',
    platform: '京东',
    employer: '京东物流宿城配送站',
    channel: 'qr',
  },
  { org: 'js.sq.sc.pool', count: 22, occupation: 'delivery_rider', platform: '美团', channel: 'pool' },
  { org: 'js.sq.sc.pool', count: 6, occupation: 'live_streamer', platform: '抖音', channel: 'pool' },
  {
    org: 'js.sq.sc.sanitation',
    count: 14,
    occupation: 'sanitation_worker',
    employer: '宿城区环境卫生管理所',
    channel: 'cadre',
  },
  {
    org: 'js.sq.sc.gc.runjie',
    count: 8,
    occupation: 'sanitation_worker',
    employer: '宿迁润洁环境服务有限公司',
    channel: 'cadre',
  },
  {
    org: 'js.sq.sc.xf.hengda.spin',
    count: 12,
    occupation: 'employee',
    employer: '宿迁恒达纺织有限公司',
    channel: 'import',
  },
  {
    org: 'js.sq.sc.xf.hengda.weave',
    count: 10,
    occupation: 'employee',
    employer: '宿迁恒达纺织有限公司',
    channel: 'import',
  },
  {
    org: 'js.sq.sc.xf.yh.shops',
    count: 6,
    occupation: 'domestic_worker',
    employer: '阅湖社区家政服务站',
    channel: 'search',
  },
  {
    org: 'ah.hf.fx.by.auto',
    count: 10,
    occupation: 'employee',
    employer: '合肥柏堰精工汽车部件有限公司',
    channel: 'import',
  },
  { org: 'sd.qd.ridehail', count: 8, occupation: 'ride_hailing_driver', platform: '滴滴', channel: 'qr' },
];

/** Honours on a few members: [group index, member within the group, the honour]. */
const HONOURS: Array<[number, number, NewHonour]> = [
  [
    10,
    0,
    { kind: 'model_worker', level: 'national', year: 2020, title: '全国劳动模范', awardedBy: '中共中央、国务院' },
  ],
  [13, 1, { kind: 'craftsman', level: 'provincial', year: 2023, title: '江苏工匠', awardedBy: '江苏省总工会' }],
  [
    0,
    2,
    { kind: 'may_day_medal', level: 'provincial', year: 2024, title: '江苏省五一劳动奖章', awardedBy: '江苏省总工会' },
  ],
  [
    4,
    1,
    {
      kind: 'technical_expert',
      level: 'city',
      year: 2022,
      title: '宿迁市快递行业技术能手',
      awardedBy: '宿迁市人力资源和社会保障局',
    },
  ],
  [8, 3, { kind: 'model_worker', level: 'city', year: 2021, title: '宿迁市劳动模范', awardedBy: '宿迁市人民政府' }],
];
const HARDSHIP: Array<[number, number, HardshipLevel]> = [
  [8, 5, 'deep'],
  [1, 4, 'general'],
  [6, 7, 'accidental'],
  [11, 2, 'general'],
];
/** Lapsed members (they left the union): [group index, member within the group]. */
const LAPSED: Array<[number, number]> = [
  [0, 30],
  [5, 10],
  [14, 6],
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Writes the demo members through createMember, honours and hardship through this feature's services. */
export async function seedDemoMembers(tx: Ctx, world: DemoWorld): Promise<void> {
  const ids: number[][] = [];
  let n = 0;
  for (const group of GROUPS) {
    const orgId = world.orgIds.get(group.org);
    const groupIds: number[] = [];
    ids.push(groupIds);
    if (orgId === undefined) continue;
    for (let i = 0; i < group.count; i++, n++) {
      const name = `${SURNAMES[(n * 7) % SURNAMES.length]}${GIVEN[(n * 11 + 3) % GIVEN.length]}`;
      const birth = `${1968 + ((n * 13) % 36)}-${pad(1 + (n % 12), 2)}-${pad(1 + ((n * 5) % 28), 2)}`;
      const idNumber = testIdNumber(birth, n, `99${pad(n, 4)}`);
      const phone = `${['138', '139', '150', '152', '158', '186', '187', '189'][n % 8]}${pad(52_000_000 + n * 7_919, 8)}`;
      const joined = `${2021 + (n % 5)}-${pad(1 + ((n * 3) % 12), 2)}-${pad(1 + ((n * 7) % 28), 2)}`;
      const { id } = await createMember(tx, {
        orgId,
        channel: group.channel,
        name,
        id: sealIdNumber(tx.cipher, idNumber),
        phone: sealPhone(tx.cipher, phone),
        occupation: group.occupation,
        platform: group.platform ?? null,
        employer: group.employer ?? null,
        workRegionCode: group.org.startsWith('js.sq.sc') ? '321302' : null,
        joinedOn: joined,
      });
      groupIds.push(id);
    }
  }
  const at = (g: number, i: number) => ids[g]?.[i];
  for (const [g, i, honour] of HONOURS) {
    const id = at(g, i);
    if (id) await addHonour(tx, id, honour);
  }
  for (const [g, i, level] of HARDSHIP) {
    const id = at(g, i);
    if (id) await setHardshipLevel(tx, id, level);
  }
  for (const [g, i] of LAPSED) {
    const id = at(g, i);
    if (id) await lapseMember(tx, id, '2025-06-30');
  }
}
