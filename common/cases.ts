/**
 * Cases (工单): the closed lists and the one pure transition function (DESIGN.md §4.4;
 * docs/decisions/0004 and 0018). Statuses are data; the code branches on the six categories, the
 * case's facts (a pending request, a rating) and the actor's relation to the case only.
 */

/** 12351's five kinds, plus 随手拍 hazard reports, 驿站报修 and issues found on contact visits (GLOSSARY.md). */
export const CASE_KINDS = [
  'consultation',
  'help',
  'complaint',
  'legal_aid',
  'suggestion',
  'hazard_report',
  'station_maintenance',
  'visit_issue',
] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_KIND_LABELS: Record<CaseKind, string> = {
  consultation: '咨询',
  help: '帮扶求助',
  complaint: '投诉维权',
  legal_aid: '法律援助',
  suggestion: '意见建议',
  hazard_report: '安全隐患随手拍',
  station_maintenance: '驿站报修',
  visit_issue: '联系基层发现问题',
};

/** The kinds a worker files from the H5 (station repairs and visit issues come from their features). */
export const PUBLIC_CASE_KINDS = [
  'consultation',
  'help',
  'complaint',
  'legal_aid',
  'suggestion',
  'hazard_report',
] as const;

/** Subjects per kind: what the request is about (投诉维权's first is 欠薪, wage arrears). */
export const CASE_SUBJECTS = {
  consultation: ['labour_law', 'membership', 'social_insurance', 'benefits', 'other'],
  help: ['hardship', 'medical', 'schooling', 'emergency_relief', 'other'],
  complaint: [
    'wage_arrears',
    'labour_contract',
    'social_insurance',
    'occupational_injury',
    'working_hours',
    'dismissal',
    'platform_rules',
    'other',
  ],
  legal_aid: ['wage_arrears', 'labour_dispute', 'occupational_injury', 'other'],
  suggestion: ['union_work', 'station', 'policy', 'other'],
  hazard_report: ['workplace_safety', 'traffic', 'fire', 'electrical', 'heat', 'other'],
  station_maintenance: ['equipment', 'supplies', 'cleanliness', 'hours', 'other'],
  visit_issue: ['wages', 'safety', 'welfare', 'organisation', 'other'],
} as const satisfies Record<CaseKind, readonly string[]>;
export type CaseSubject = (typeof CASE_SUBJECTS)[CaseKind][number];

export const CASE_SUBJECT_LABELS: Record<CaseSubject, string> = {
  labour_law: '劳动法律政策',
  membership: '入会与会籍',
  social_insurance: '社会保险',
  benefits: '会员普惠',
  other: '其他',
  hardship: '生活困难',
  medical: '医疗救助',
  schooling: '子女就学',
  emergency_relief: '突发困难救助',
  wage_arrears: '欠薪',
  labour_contract: '劳动合同',
  occupational_injury: '工伤',
  working_hours: '工作时间与休息',
  dismissal: '违法解除',
  platform_rules: '平台规则与算法',
  labour_dispute: '劳动争议',
  union_work: '工会工作',
  station: '驿站服务',
  policy: '政策建议',
  workplace_safety: '生产安全',
  traffic: '交通安全',
  fire: '消防隐患',
  electrical: '用电隐患',
  heat: '高温作业',
  equipment: '设施设备损坏',
  supplies: '物资短缺',
  cleanliness: '环境卫生',
  hours: '开放时间不符',
  wages: '工资待遇',
  safety: '安全生产',
  welfare: '职工福利',
  organisation: '建会入会',
};

export function isCaseSubject(kind: CaseKind, subject: string): subject is CaseSubject {
  return (CASE_SUBJECTS[kind] as readonly string[]).includes(subject);
}

/** The six categories fixed in code (docs/decisions/0004). */
export const CASE_CATEGORIES = ['new', 'dispatched', 'in_progress', 'waiting', 'resolved', 'closed'] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

/** Categories whose deadline clock runs: the sweeps and the traffic lights look at these. */
export const CLOCK_RUNNING: readonly CaseCategory[] = ['new', 'dispatched', 'in_progress'];

/** The platform's statuses (migration 2026-12-02T1300, case_statuses): the code each step sets. */
export const CASE_STATUSES = {
  received: 'new',
  returned: 'new',
  dispatched: 'dispatched',
  signed: 'in_progress',
  handling: 'in_progress',
  reopened: 'in_progress',
  parked: 'waiting',
  replied: 'resolved',
  closed: 'closed',
  answered: 'closed',
} as const satisfies Record<string, CaseCategory>;
export type CaseStatus = keyof typeof CASE_STATUSES;

export const CASE_TIERS = ['normal', 'hard', 'complex'] as const;
export type CaseTier = (typeof CASE_TIERS)[number];
/** 一般 / 难点 / 特别复杂 multiply the resolution limit ×1 / ×2 / ×3 (DESIGN.md §4.4). */
export const TIER_FACTOR: Record<CaseTier, number> = { normal: 1, hard: 2, complex: 3 };
export const TIER_LABELS: Record<CaseTier, string> = { normal: '一般', hard: '难点', complex: '特别复杂' };

export const CASE_CHANNELS = ['h5', 'hotline', 'cadre', 'station', 'visit'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

export const CASE_RATINGS = ['satisfied', 'basically', 'unsatisfied'] as const;
export type CaseRating = (typeof CASE_RATINGS)[number];
export const RATING_LABELS: Record<CaseRating, string> = {
  satisfied: '满意',
  basically: '基本满意',
  unsatisfied: '不满意',
};

export const HAZARD_SEVERITIES = ['low', 'medium', 'high'] as const;
export type HazardSeverity = (typeof HAZARD_SEVERITIES)[number];

/** Deadline settings of an org (case_settings), inherited down the tree. */
export interface CaseSettings {
  /** Working days a handling union has to sign for a dispatched case. */
  sign_days: number;
  /** Working days to resolve, per kind, before the tier's factor. */
  limits: Record<CaseKind, number>;
  /** Whether the requester's timeline names the cadres who acted. */
  show_cadre_names: boolean;
}

/**
 * DESIGN.md §4.4's defaults: sign within 1 working day; answer 咨询 in 3, 意见建议 in 5, 帮扶 and
 * 法律援助 in 10, 投诉维权 in 13. The design is silent on the other three: a hazard or a broken
 * station is answered like a suggestion (5), an issue raised on a visit like a request for help (10).
 */
export const DEFAULT_CASE_SETTINGS: CaseSettings = {
  sign_days: 1,
  limits: {
    consultation: 3,
    help: 10,
    complaint: 13,
    legal_aid: 10,
    suggestion: 5,
    hazard_report: 5,
    station_maintenance: 5,
    visit_issue: 10,
  },
  show_cadre_names: false,
};

/** An emergency (personal safety, mass incident) must be dispatched within this many hours. */
export const EMERGENCY_DISPATCH_HOURS = 1;
/** A case still overdue this many working days after its deadline is listed in the 通报. */
export const PUBLICISE_AFTER_WORKING_DAYS = 5;
/** 催办: the handler is reminded this many hours before the deadline. */
export const REMIND_BEFORE_HOURS = 24;

/** The resolution limit in working days: the org's limit for the kind times the tier's factor. */
export function resolutionDays(settings: CaseSettings, kind: CaseKind, tier: CaseTier): number {
  return settings.limits[kind] * TIER_FACTOR[tier];
}

/** Traffic light of an open case: red past the deadline, yellow within a day of it, green otherwise. */
export type CaseLight = 'red' | 'yellow' | 'green' | 'none';
export function caseLight(category: CaseCategory, dueAt: Date, now: Date): CaseLight {
  if (!CLOCK_RUNNING.includes(category)) return 'none';
  const left = dueAt.getTime() - now.getTime();
  if (left <= 0) return 'red';
  return left <= REMIND_BEFORE_HOURS * 3_600_000 ? 'yellow' : 'green';
}

/** An employer's name as collective cases match it: no spaces or punctuation, full-width folded, 有限公司 suffixes kept. */
export function employerKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .toUpperCase()
    .slice(0, 100);
}

// ————— The lifecycle —————

/** Every step a case can take (GLOSSARY.md: receive / dispatch / sign / return / …). */
export const CASE_ACTIONS = [
  'answer',
  'dispatch',
  'sign',
  'return',
  'handle',
  'request_extension',
  'approve_extension',
  'deny_extension',
  'request_park',
  'approve_park',
  'deny_park',
  'resume',
  'reply',
  'review_pass',
  'review_reject',
  'rate',
  'reopen',
  'note',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/**
 * How the actor stands to the case: `dispatcher` holds cases.dispatch over the receiving union,
 * `handler` cases.handle over the handling union, `co_handler` either over a co-handling union,
 * `requester` is the person who filed it (phone and tracking number), `system` the sweeps.
 */
export type CaseRole = 'dispatcher' | 'handler' | 'co_handler' | 'requester' | 'system';

/** The facts of a case the transition depends on. */
export interface CaseFacts {
  category: CaseCategory;
  status: string;
  pendingRequest: 'extension' | 'park' | null;
  dueAt: Date;
  rating: CaseRating | null;
  /** A child of a collective case follows its parent: it takes no steps of its own but notes. */
  hasParent: boolean;
}

export type TransitionRefusal =
  /** The actor has no part in this step (the route answers 403, or 404 when the case is not theirs). */
  | 'forbidden'
  /** The case's state does not allow the step (409 case_transition, naming the status). */
  | 'not_allowed'
  /** An extension asked at or after the deadline. */
  | 'too_late'
  /** Rated already. */
  | 'already_rated';

export type Transition =
  | { ok: true; status: CaseStatus | null; category: CaseCategory; pending: 'extension' | 'park' | null }
  | { ok: false; refusal: TransitionRefusal };

interface Rule {
  from: readonly CaseCategory[];
  by: readonly CaseRole[];
  /** The status the step sets; null keeps the current one. */
  to: CaseStatus | null;
  /** The pending request this step needs (undefined: none may be pending for steps that raise one). */
  needsPending?: 'extension' | 'park';
}

const RULES: Record<CaseAction, Rule> = {
  answer: { from: ['new'], by: ['dispatcher'], to: 'answered' },
  dispatch: { from: ['new', 'dispatched'], by: ['dispatcher'], to: 'dispatched' },
  sign: { from: ['dispatched'], by: ['handler'], to: 'signed' },
  return: { from: ['dispatched', 'in_progress'], by: ['handler'], to: 'returned' },
  handle: { from: ['in_progress'], by: ['handler'], to: 'handling' },
  request_extension: { from: ['in_progress'], by: ['handler'], to: null },
  approve_extension: { from: ['in_progress'], by: ['dispatcher'], to: null, needsPending: 'extension' },
  deny_extension: { from: ['in_progress'], by: ['dispatcher'], to: null, needsPending: 'extension' },
  request_park: { from: ['in_progress'], by: ['handler'], to: null },
  approve_park: { from: ['in_progress'], by: ['dispatcher'], to: 'parked', needsPending: 'park' },
  deny_park: { from: ['in_progress'], by: ['dispatcher'], to: null, needsPending: 'park' },
  resume: { from: ['waiting'], by: ['handler', 'dispatcher'], to: 'handling' },
  reply: { from: ['in_progress'], by: ['handler'], to: 'replied' },
  review_pass: { from: ['resolved'], by: ['dispatcher'], to: 'closed' },
  review_reject: { from: ['resolved'], by: ['dispatcher'], to: 'handling' },
  rate: { from: ['closed'], by: ['requester'], to: null },
  reopen: { from: ['closed'], by: ['dispatcher'], to: 'reopened' },
  note: {
    from: ['new', 'dispatched', 'in_progress', 'waiting', 'resolved', 'closed'],
    by: ['dispatcher', 'handler', 'co_handler'],
    to: null,
  },
};

/** The roles that may ever take a step (the console shows only the buttons the actor may use). */
export function rolesFor(action: CaseAction): readonly CaseRole[] {
  return RULES[action].by;
}

/**
 * THE transition function (docs/decisions/0004): whether `roles` may take `action` on a case with
 * these facts at `now`, and where it leads. Pure: the server applies the answer in a transaction
 * with its event; the model-based test drives it with random actors and steps.
 */
export function nextStatus(kase: CaseFacts, action: CaseAction, roles: ReadonlySet<CaseRole>, now: Date): Transition {
  const rule = RULES[action];
  if (!rule.by.some((r) => roles.has(r))) return { ok: false, refusal: 'forbidden' };
  if (!rule.from.includes(kase.category)) return { ok: false, refusal: 'not_allowed' };
  if (kase.hasParent && action !== 'note' && action !== 'rate') return { ok: false, refusal: 'not_allowed' };
  if (rule.needsPending && kase.pendingRequest !== rule.needsPending) return { ok: false, refusal: 'not_allowed' };
  let pending = kase.pendingRequest;
  switch (action) {
    case 'request_extension':
    case 'request_park':
      if (kase.pendingRequest !== null) return { ok: false, refusal: 'not_allowed' };
      if (action === 'request_extension' && now.getTime() >= kase.dueAt.getTime())
        return { ok: false, refusal: 'too_late' };
      pending = action === 'request_extension' ? 'extension' : 'park';
      break;
    case 'approve_extension':
    case 'deny_extension':
    case 'approve_park':
    case 'deny_park':
      pending = null;
      break;
    case 'reply':
    case 'return':
      // A reply or a return answers any request still pending: it lapses.
      pending = null;
      break;
    case 'rate':
      if (kase.rating !== null) return { ok: false, refusal: 'already_rated' };
      break;
    case 'reopen':
      // Reopened only when the requester was unsatisfied (the dispatcher judges the handler's fault).
      if (kase.rating !== 'unsatisfied') return { ok: false, refusal: 'not_allowed' };
      break;
    default:
      break;
  }
  const status = rule.to;
  const category = status === null ? kase.category : CASE_STATUSES[status];
  return { ok: true, status, category, pending };
}

/** The platform's zh labels of the statuses (an org may relabel its own: case_statuses). */
/** The longest name a union may give a status (lists and tags show it in one line). */
export const STATUS_LABEL_MAX = 12;

export const STATUS_LABELS: Record<CaseStatus, string> = {
  received: '受理',
  returned: '已退单',
  dispatched: '已派单',
  signed: '已签收',
  handling: '办理中',
  reopened: '重办',
  parked: '挂账',
  replied: '已反馈',
  closed: '办结归档',
  answered: '直接答复',
};

export const CATEGORY_LABELS: Record<CaseCategory, string> = {
  new: '待派单',
  dispatched: '待签收',
  in_progress: '办理中',
  waiting: '挂账',
  resolved: '待审核',
  closed: '已办结',
};

/**
 * What a timeline entry is called: the steps, and what happens around them — receipt, 催办 / 督办 /
 * 通报 by the sweeps, a co-handling union added, a case joined to a collective one, a notice sent.
 */
export const EVENT_LABELS: Record<
  CaseAction | 'receive' | 'remind' | 'supervise' | 'publicise' | 'co_handle' | 'merge' | 'notify' | 'page',
  string
> = {
  receive: '受理',
  answer: '直接答复',
  dispatch: '派单',
  sign: '签收',
  return: '退单',
  handle: '办理',
  request_extension: '申请延期',
  approve_extension: '同意延期',
  deny_extension: '不同意延期',
  request_park: '申请挂账',
  approve_park: '同意挂账',
  deny_park: '不同意挂账',
  resume: '恢复办理',
  reply: '反馈',
  review_pass: '审核通过并办结',
  review_reject: '审核退回重新办理',
  rate: '回访评价',
  reopen: '重办',
  note: '备注',
  remind: '催办',
  supervise: '督办',
  publicise: '通报',
  co_handle: '协办',
  merge: '并入集体诉求',
  notify: '通知申请人',
  page: '紧急呼叫值班',
};

/** Steps the requester's timeline shows (never notes, supervision or internal steps). */
export const PUBLIC_EVENTS: ReadonlySet<string> = new Set([
  'receive',
  'answer',
  'dispatch',
  'sign',
  'handle',
  'approve_extension',
  'approve_park',
  'resume',
  'reply',
  'review_pass',
  'rate',
  'reopen',
  'merge',
]);
