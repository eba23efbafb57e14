import type { CaseAction, CaseRole } from '../../../common/cases';
import type { Ctx } from '../../http/context';
import type { DemoWorld } from '../../http/feature';
import { openCase, type OpenCaseInput } from './open';
import * as qa from './answers-sql';
import * as qd from './duty-sql';
import { sealNormalisedPhone } from '../members/personal';
import { applyStep, rateByRequester } from './steps';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Demo requesters' phones: fictional numbers, none a demo member's but the first (a 美团 rider, routed to his union). */
const phone = (n: number) => `137${String(61_000_000 + n * 7_907).padStart(8, '0')}`;
const MEMBER_PHONE = '13852000000';

/** One step of a demo case, `after` hours after receipt, by the role named. */
interface DemoStep {
  action: CaseAction;
  by: CaseRole;
  after: number;
  body?: Record<string, unknown>;
}

interface DemoCase {
  input: Omit<OpenCaseInput, 'now'>;
  /** Days before now it was received. */
  ago: number;
  /** The steps taken since. */
  steps?: DemoStep[];
}

/** The handler's reply: its text (and the wages recovered, for a wage case). */
const reply = (after: number, reason: string, more: Record<string, unknown> = {}): DemoStep => ({
  action: 'reply',
  by: 'handler',
  after,
  body: { reason, ...more },
});
/** Passed by the dispatcher `after` hours after receipt, then rated by the requester `ratedAfter`. */
const closedAndRated = (after: number, ratedAfter: number, rating: string): DemoStep[] => [
  { action: 'review_pass', by: 'dispatcher', after },
  { action: 'rate', by: 'requester', after: ratedAfter, body: { rating, resolved: true } },
];

const WAGE = '恒达纺织拖欠工资';

/**
 * The demo's cases (DESIGN.md §8: "cases in every state"), so each case role has work waiting:
 * 宿城区 (sucheng, sucheng_case, sucheng_hotline) dispatches, approves and reviews; 幸福街道 (xingfu)
 * signs and handles; 宿迁市 (suqian) sees an overdue case to supervise. Five wage appeals against one
 * employer wait in the dispatch queue (a collective case in the making).
 */
function demoCases(xf: number): DemoCase[] {
  /** Dispatched to 幸福街道 `dispatched` hours after receipt, then signed by it `signed` hours after receipt. */
  const atXingfu = (dispatched: number, signed?: number): DemoStep[] => [
    { action: 'dispatch', by: 'dispatcher', after: dispatched, body: { org_id: xf } },
    ...(signed === undefined ? [] : [{ action: 'sign' as const, by: 'handler' as const, after: signed }]),
  ];
  const h5 = (n: number, over: Partial<OpenCaseInput>): OpenCaseInput => ({
    kind: 'complaint',
    subject: 'wage_arrears',
    description: `${WAGE}：本人在宿迁恒达纺织有限公司做挡车工，2026 年 9 月、10 月两个月工资未发，车间主任说等订单回款。`,
    channel: 'h5',
    name: ['王建国', '李秀英', '张伟', '刘洋', '陈静', '杨磊', '赵敏', '黄海'][n % 8],
    phone: phone(n),
    regionCode: '321302',
    ...over,
  });
  return [
    ...[0, 1, 2, 3, 4].map((n) => ({
      ago: 4 - n * 0.5,
      input: h5(n, {
        employer: '宿迁恒达纺织有限公司',
        wageClaimedFen: (8_200 + n * 650) * 100,
        description: `${WAGE}：我是恒达纺织${['挡车工', '质检员', '包装工', '机修工', '仓库管理员'][n]}，9 月起工资没发，约 ${8_200 + n * 650} 元。`,
      }),
    })),
    {
      ago: 0.05,
      input: h5(5, {
        kind: 'help',
        subject: 'emergency_relief',
        emergency: true,
        description: '外卖骑手送餐途中被车撞伤，正在宿迁市第一人民医院，站点不管，家里急需用钱。',
      }),
    },
    {
      ago: 1,
      input: h5(6, {
        kind: 'consultation',
        subject: 'social_insurance',
        description: '跑外卖能不能自己交职工养老保险？在哪里办？',
      }),
    },
    // At 幸福街道: to sign, signed, extension asked, replied (for 宿城区 to review).
    {
      ago: 1.2,
      input: h5(7, {
        kind: 'suggestion',
        subject: 'station',
        description: '幸福街道驿站晚上八点就关门，夜班骑手没地方热饭，建议延长开放时间。',
      }),
      steps: atXingfu(3),
    },
    {
      ago: 3,
      input: h5(8, {
        kind: 'complaint',
        subject: 'labour_contract',
        phone: MEMBER_PHONE,
        name: '周强',
        description: '站点要求骑手签“合作协议”，不签劳动合同，也不交社保，想问问怎么维权。',
      }),
      steps: [
        ...atXingfu(2, 5),
        { action: 'handle', by: 'handler', after: 30, body: { reason: '已约谈站点负责人，要求提供用工协议文本。' } },
      ],
    },
    {
      ago: 9,
      input: h5(9, {
        kind: 'legal_aid',
        subject: 'occupational_injury',
        description: '在小区做保洁时从梯子上摔下骨折，公司不认工伤，需要法律援助。',
      }),
      steps: [
        ...atXingfu(4, 8),
        {
          action: 'request_extension',
          by: 'handler',
          after: 100,
          body: { days: 5, reason: '工伤认定需等待人社部门鉴定结论。' },
        },
      ],
    },
    {
      ago: 6,
      input: h5(10, { kind: 'consultation', subject: 'membership', description: '我换到饿了么跑单了，会籍要怎么转？' }),
      steps: [...atXingfu(1, 3), reply(20, '可在“我的”中申请会籍接转，选择饿了么站点工会即可，10 个工作日内办结。')],
    },
    // Overdue at 幸福街道: 宿迁市 supervises it.
    {
      ago: 20,
      input: h5(11, {
        kind: 'suggestion',
        subject: 'union_work',
        description: '希望街道工会多组织骑手的安全培训，最好安排在晚上。',
      }),
      steps: atXingfu(2, 30),
    },
    // Closed and rated: the three rates have something to count.
    {
      ago: 15,
      input: h5(12, { kind: 'consultation', subject: 'labour_law', description: '试用期最长可以约定多久？' }),
      steps: [
        ...atXingfu(1, 2),
        reply(20, '劳动合同期限三年以上的，试用期不得超过六个月。'),
        ...closedAndRated(26, 40, 'satisfied'),
      ],
    },
    {
      ago: 12,
      input: h5(13, {
        kind: 'complaint',
        subject: 'wage_arrears',
        employer: '宿迁润洁环境服务有限公司',
        wageClaimedFen: 460_000,
        description: '环卫外包公司 10 月工资少发 4600 元。',
      }),
      steps: [
        ...atXingfu(3, 6),
        reply(120, '经协调，公司已补发全部工资。', { wage_recovered_fen: 460_000 }),
        ...closedAndRated(130, 150, 'basically'),
      ],
    },
    {
      ago: 0.3,
      input: {
        kind: 'hazard_report',
        subject: 'electrical',
        channel: 'h5',
        anonymous: true,
        phone: phone(14),
        severity: 'high',
        regionCode: '321302',
        lat: 33.9612,
        lng: 118.2981,
        description: '幸福路与洪泽湖路口的电动车充电桩线路裸露，下雨天很危险。',
      },
    },
  ];
}

/** The hotline's common answers: the national federation's for everyone, 宿城's own. */
const ANSWERS: Array<{ org: string; kind: string | null; title: string; body: string; keywords: string }> = [
  {
    org: 'acftu',
    kind: 'complaint',
    title: '被拖欠工资怎么办？',
    body: '先保留劳动合同、考勤记录、工资条、聊天记录等证据，与单位协商；协商不成可向当地劳动保障监察机构投诉，或申请劳动争议仲裁（时效一年）。工会可以协助调解、提供法律援助。',
    keywords: '欠薪 拖欠工资 讨薪 仲裁',
  },
  {
    org: 'acftu',
    kind: 'consultation',
    title: '新就业形态劳动者如何入会？',
    body: '扫描工会二维码或在工会服务平台首页点击「码上入会」，填写姓名、身份证号和手机号即可，有单位工会的加入单位工会，没有的进入所在区县工会周转库。',
    keywords: '入会 骑手 快递员 网约车',
  },
  {
    org: 'acftu',
    kind: 'legal_aid',
    title: '工伤认定需要哪些材料？',
    body: '工伤认定申请表、劳动关系证明（劳动合同、工资发放记录等）、医疗诊断证明；单位应在 30 日内申请，单位不申请的，本人或近亲属可在一年内向社会保险行政部门申请。',
    keywords: '工伤 认定 材料 骑手摔伤',
  },
  {
    org: 'js.sq.sc',
    kind: null,
    title: '宿城区工会法律服务站在哪里？',
    body: '宿城区总工会职工服务中心一楼法律援助窗口，工作日 9:00–17:00，电话 12351。',
    keywords: '法律援助 地址 电话',
  },
];

/** 值班电话 of 宿城区 and 宿迁市 (fictitious numbers): the demo's emergency pages them (the console sender prints the text). */
const DUTY_PHONES = [
  { org: 'js.sq.sc', label: '区总工会值班室', phone: '13900000110' },
  { org: 'js.sq', label: '市总工会值班室', phone: '13900000120' },
] as const;

async function seedDemoDutyPhones(tx: Ctx, world: DemoWorld): Promise<void> {
  for (const d of DUTY_PHONES) {
    const orgId = world.orgIds.get(d.org);
    if (orgId !== undefined)
      await qd.insertDutyPhone(tx.db, {
        org_id: orgId,
        label: d.label,
        ...sealNormalisedPhone(tx.cipher, d.phone),
        created_by: null,
      });
  }
}

/** Writes the demo cases through openCase and the steps' own function, received days ago. */
export async function seedDemoCases(tx: Ctx, world: DemoWorld): Promise<void> {
  for (const a of ANSWERS) {
    const orgId = world.orgIds.get(a.org);
    if (orgId !== undefined)
      await qa.insertAnswer(tx.db, {
        org_id: orgId,
        kind: a.kind as never,
        title: a.title,
        body: a.body,
        keywords: a.keywords,
      });
  }
  await seedDemoDutyPhones(tx, world);
  const xf = world.orgIds.get('js.sq.sc.xf');
  if (xf === undefined) return;
  const base = Date.now();
  for (const demo of demoCases(xf)) {
    const received = new Date(base - demo.ago * DAY);
    const opened = await openCase(tx, { ...demo.input, now: received });
    let version = 1;
    for (const step of demo.steps ?? []) {
      const at = new Date(received.getTime() + step.after * HOUR);
      if (step.action === 'rate') {
        await rateByRequester(tx, opened.id, step.body as never, at);
      } else {
        await applyStep(tx, opened.id, step.action, { version, ...step.body }, at, () => new Set([step.by]));
      }
      version++;
    }
  }
}
