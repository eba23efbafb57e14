/**
 * Membership's closed lists (GLOSSARY.md), with their Chinese labels: the API validates with them,
 * the database checks them, the H5 and the console label with them.
 */

/** 职业. The gig types first: they are the new-form workers the holding pool serves. */
export const OCCUPATIONS = {
  delivery_rider: '网约配送员（外卖骑手）',
  courier: '快递员',
  ride_hailing_driver: '网约车驾驶员',
  truck_driver: '货车司机',
  live_streamer: '网络主播',
  domestic_worker: '家政服务员',
  care_worker: '护工',
  sanitation_worker: '环卫工人',
  employee: '企业职工',
  civil_servant: '机关事业单位职工',
  other: '其他',
} as const;
export type Occupation = keyof typeof OCCUPATIONS;
export const OCCUPATION_CODES = Object.keys(OCCUPATIONS) as Occupation[];

/** The new-employment-form occupations (新就业形态): a join with one of these is `is_new_form`. */
export const NEW_FORM_OCCUPATIONS: readonly Occupation[] = [
  'delivery_rider',
  'courier',
  'ride_hailing_driver',
  'truck_driver',
  'live_streamer',
  'domestic_worker',
  'care_worker',
];

/** Platforms offered in the join form; free text is accepted too (a platform the list lacks). */
export const PLATFORMS = [
  '美团',
  '饿了么',
  '顺丰',
  '京东',
  '闪送',
  'UU跑腿',
  '滴滴',
  '货拉拉',
  '满帮',
  '抖音',
  '快手',
] as const;

export const MEMBER_STATUSES = {
  active: '正常',
  pending: '待审核',
  transferring: '接转中',
  lapsed: '已退会',
} as const;
export type MemberStatus = keyof typeof MEMBER_STATUSES;

/** How a member came in. */
export const MEMBER_CHANNELS = {
  qr: '扫码入会',
  search: '搜索工会入会',
  pool: '周转库入会',
  import: '花名册导入',
  cadre: '工会录入',
} as const;
export type MemberChannel = keyof typeof MEMBER_CHANNELS;

export const HONOUR_KINDS = {
  model_worker: '劳动模范',
  craftsman: '工匠',
  may_day_medal: '五一劳动奖章',
  technical_expert: '技术能手',
} as const;
export type HonourKind = keyof typeof HONOUR_KINDS;

export const HONOUR_LEVELS = {
  national: '全国',
  provincial: '省级',
  city: '市级',
  county: '县（区）级',
  enterprise: '企业级',
} as const;
export type HonourLevel = keyof typeof HONOUR_LEVELS;

/** 困难职工 levels (建档): 一般困难, 深度困难, 意外致困. */
export const HARDSHIP_LEVELS = {
  general: '一般困难',
  deep: '深度困难',
  accidental: '意外致困',
} as const;
export type HardshipLevel = keyof typeof HARDSHIP_LEVELS;

/** Join applications: pending review (a union that reviews), pooled (a member waiting in the holding pool), decided. */
export const JOIN_STATUSES = {
  pending: '待审核',
  pooled: '周转库待安置',
  approved: '已入会',
  refused: '未通过',
} as const;
export type JoinStatus = keyof typeof JOIN_STATUSES;

export const TRANSFER_STATES = {
  pending: '待接收',
  accepted: '已接收',
  refused: '已拒绝',
  cancelled: '已撤回',
} as const;
export type TransferState = keyof typeof TRANSFER_STATES;

/** The receiving union answers a transfer within this many working days, or it is accepted automatically (DESIGN.md §4.5). */
export const TRANSFER_ANSWER_WORKING_DAYS = 10;
