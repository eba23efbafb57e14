import { Type } from '@sinclair/typebox';
import {
  CASE_ACTIONS,
  CASE_CATEGORIES,
  CASE_CHANNELS,
  CASE_KINDS,
  CASE_RATINGS,
  CASE_TIERS,
  HAZARD_SEVERITIES,
  PUBLIC_CASE_KINDS,
} from '../cases';
import { DueExplanation } from './calendar';
import { AttachmentRefs, UploadedFile } from './files';
import { Id, Nullable, PageQuery, Strict } from './schemas';

/** 工单's API (server/features/cases/routes.ts, web/features/cases/api.ts; DESIGN.md §5). */

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const CaseKind = literals(CASE_KINDS);
export const PublicCaseKind = literals(PUBLIC_CASE_KINDS);
export const CaseCategory = literals(CASE_CATEGORIES);
export const CaseTier = literals(CASE_TIERS);
export const CaseChannel = literals(CASE_CHANNELS);
export const CaseRating = literals(CASE_RATINGS);
export const CaseAction = literals(CASE_ACTIONS);
export const HazardSeverity = literals(HAZARD_SEVERITIES);
export const Crs = Type.Union([Type.Literal('wgs84'), Type.Literal('gcj02'), Type.Literal('bd09')]);

/** 20,000 characters is a mistake or an attack; a long story fits in 2,000. */
export const DESCRIPTION_MAX = 2000;
const Description = Type.String({ maxLength: 20_000, description: '诉求内容（1–2000 字）' });
const Subject = Type.String({ minLength: 1, maxLength: 40, description: '诉求事项，如 wage_arrears（欠薪）' });
const Employer = Type.String({ maxLength: 100 });
const Uscc = Type.String({ maxLength: 30, description: '统一社会信用代码' });
const Reason = Type.String({ maxLength: 500 });
/** Wages in 分 (fen), as integers: never floats of 元. */
const Fen = Type.Integer({ minimum: 0, maximum: 100_000_000_000 });
const RegionCode = Type.String({ maxLength: 12 });
const Lat = Type.Number({ minimum: -90, maximum: 90 });
const Lng = Type.Number({ minimum: -180, maximum: 180 });

/** What both intakes (the H5's and the console's) may say about a case besides its kind and story. */
const CaseDetails = {
  name: Type.Optional(Type.String({ maxLength: 40 })),
  anonymous: Type.Optional(Type.Boolean()),
  employer: Type.Optional(Employer),
  employer_uscc: Type.Optional(Uscc),
  wage_claimed_fen: Type.Optional(Fen),
  region_code: Type.Optional(RegionCode),
  lat: Type.Optional(Lat),
  lng: Type.Optional(Lng),
  crs: Type.Optional(Crs),
  severity: Type.Optional(HazardSeverity),
  emergency: Type.Optional(Type.Boolean()),
  station_id: Type.Optional(Id),
  attachments: Type.Optional(AttachmentRefs),
};

/**
 * The H5's form (DESIGN.md §5 POST /api/v1/cases): the phone proves itself with a one-time code.
 * A worker signed in by phone (POST /auth/member-login) proved theirs already: they send neither,
 * and the case is filed under the phone of their session.
 */
export const CaseBody = Strict({
  kind: Type.String({
    maxLength: 40,
    description: '诉求类型：consultation, help, complaint, legal_aid, suggestion, hazard_report',
  }),
  subject: Type.Optional(Subject),
  description: Description,
  phone: Type.Optional(
    Type.String({ minLength: 1, maxLength: 20, description: '手机号（已登录的职工不填，用登录的手机号）' }),
  ),
  otp: Type.Optional(Type.String({ minLength: 1, maxLength: 10, description: '验证码（已登录的职工不填）' })),
  ...CaseDetails,
});

/** 201's body: what the requester keeps to follow the case. */
export const CaseFiled = Type.Object({
  tracking_no: Type.String(),
  status: Type.String(),
  status_label: Type.String(),
  /** The resolution deadline's instant (the end of due_date, Asia/Shanghai). */
  due_at: Type.String(),
  due_date: Type.String(),
  /** The union the case went to first (it leads), by name. */
  org_name: Type.String(),
});

/** The public tracking question: the phone in the body, never in a URL (a wrong phone answers like a missing number). */
export const CaseTrackBody = Strict({
  tracking_no: Type.String({ minLength: 1, maxLength: 30 }),
  phone: Type.String({ minLength: 1, maxLength: 20 }),
});

/** One entry of the requester-safe timeline: no internal notes, cadre names only where the org allows. */
export const PublicCaseEvent = Type.Object({
  at: Type.String(),
  action: Type.String(),
  label: Type.String(),
  status_label: Nullable(Type.String()),
  /** What the requester is told (a reply, a return's reason as the public may read it). */
  text: Nullable(Type.String()),
  org_name: Nullable(Type.String()),
  actor_name: Nullable(Type.String()),
});

/** The requester's view of a case (track, and 我的 on the H5). */
export const PublicCaseView = Type.Object({
  tracking_no: Type.String(),
  kind: CaseKind,
  subject: Type.String(),
  subject_label: Type.String(),
  status: Type.String(),
  status_label: Type.String(),
  category: CaseCategory,
  received_at: Type.String(),
  due_at: Type.String(),
  due_date: Type.String(),
  org_name: Type.String(),
  /** Whether the requester may rate it now (closed and not rated). */
  can_rate: Type.Boolean(),
  rating: Nullable(CaseRating),
  timeline: Type.Array(PublicCaseEvent),
});

/** 回访: the requester rates a closed case once (tracking number and phone prove who asks). */
export const CaseRateBody = Strict({
  tracking_no: Type.String({ minLength: 1, maxLength: 30 }),
  phone: Type.String({ minLength: 1, maxLength: 20 }),
  rating: CaseRating,
  /** Was the problem actually solved? The resolution rate counts these. */
  resolved: Type.Boolean(),
  reason: Type.Optional(Reason),
});

/** A case opened in the console: by a hotline agent for a caller, or by a cadre. */
export const CadreCaseBody = Strict({
  kind: CaseKind,
  subject: Subject,
  description: Description,
  channel: Type.Optional(Type.Union([Type.Literal('hotline'), Type.Literal('cadre')])),
  phone: Type.Optional(Type.String({ maxLength: 20 })),
  ...CaseDetails,
  tier: Type.Optional(CaseTier),
  /** The union receiving it (首接): one of the caller's orgs where they hold cases.intake; default their first grant's. */
  org_id: Type.Optional(Id),
  /** Answered on the spot (直接答复): the answer, and the case closes at once. */
  answer: Type.Optional(Type.String({ maxLength: 2000 })),
});

export const CaseListQuery = Strict({
  q: Type.Optional(Type.String({ maxLength: 40, description: '工单编号、单位名称' })),
  kind: Type.Optional(CaseKind),
  subject: Type.Optional(Subject),
  category: Type.Optional(CaseCategory),
  /** Whose queue: received here (to dispatch, review), handled here (to sign, handle), or every case in scope. */
  queue: Type.Optional(
    Type.Union([
      Type.Literal('dispatch'),
      Type.Literal('handle'),
      Type.Literal('review'),
      Type.Literal('requests'),
      Type.Literal('overdue'),
      Type.Literal('publicised'),
      Type.Literal('mine'),
    ]),
  ),
  org_id: Type.Optional(Id),
  light: Type.Optional(Type.Union([Type.Literal('red'), Type.Literal('yellow'), Type.Literal('green')])),
  channel: Type.Optional(CaseChannel),
  emergency: Type.Optional(Type.Boolean()),
  collective: Type.Optional(Type.Boolean()),
  received_from: Type.Optional(Type.String({ maxLength: 10, description: 'YYYY-MM-DD' })),
  received_to: Type.Optional(Type.String({ maxLength: 10, description: 'YYYY-MM-DD' })),
  sort: Type.Optional(Type.Union([Type.Literal('due'), Type.Literal('received')])),
  ...PageQuery,
});

export const CaseOrg = Type.Object({ id: Type.Integer(), name: Type.String() });

/** One row of a case list: masked, no description. */
export const CaseListItem = Type.Object({
  id: Type.Integer(),
  tracking_no: Type.String(),
  kind: CaseKind,
  subject: Type.String(),
  tier: CaseTier,
  emergency: Type.Boolean(),
  channel: CaseChannel,
  status: Type.String(),
  status_label: Type.String(),
  category: CaseCategory,
  requester: Type.String({ description: '申请人（已脱敏；匿名时为“匿名”）' }),
  employer_name: Nullable(Type.String()),
  receiving_org: CaseOrg,
  handling_org: Nullable(CaseOrg),
  received_at: Type.String(),
  due_at: Type.String(),
  due_date: Type.String(),
  light: Type.Union([Type.Literal('red'), Type.Literal('yellow'), Type.Literal('green'), Type.Literal('none')]),
  pending_request: Nullable(Type.Union([Type.Literal('extension'), Type.Literal('park')])),
  supervised: Type.Boolean(),
  publicised: Type.Boolean(),
  is_collective: Type.Boolean(),
  parent_id: Nullable(Type.Integer()),
  rating: Nullable(CaseRating),
  version: Type.Integer(),
});

/** One entry of the full timeline (the console's). */
export const CaseEventView = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  action: Type.String(),
  label: Type.String(),
  from_status_label: Nullable(Type.String()),
  to_status_label: Nullable(Type.String()),
  actor: Type.String(),
  org_name: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  internal: Type.Boolean(),
  details: Type.Record(Type.String(), Type.Unknown()),
});

/** One case as the console shows it. */
export const CaseView = Type.Composite([
  CaseListItem,
  Type.Object({
    description: Type.String(),
    phone_masked: Nullable(Type.String()),
    member_id: Nullable(Type.Integer()),
    employer_uscc: Nullable(Type.String()),
    station: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
    region_code: Nullable(Type.String()),
    lat: Nullable(Type.Number()),
    lng: Nullable(Type.Number()),
    severity: Nullable(HazardSeverity),
    wage_claimed_fen: Nullable(Type.Integer()),
    wage_recovered_fen: Nullable(Type.Integer()),
    routed_org: Nullable(CaseOrg),
    routed_by: Nullable(Type.String()),
    co_handlers: Type.Array(CaseOrg),
    dispatch_due_at: Nullable(Type.String()),
    sign_due_at: Nullable(Type.String()),
    signed_at: Nullable(Type.String()),
    closed_at: Nullable(Type.String()),
    pending_days: Nullable(Type.Integer()),
    pending_reason: Nullable(Type.String()),
    parked_at: Nullable(Type.String()),
    rating_resolved: Nullable(Type.Boolean()),
    rating_reason: Nullable(Type.String()),
    /** How the due date was counted: the calendar's explanation (skipped holidays, make-up days, provisional years). */
    due_explanation: DueExplanation,
    attachments: Type.Array(UploadedFile),
    children: Type.Array(Type.Object({ id: Type.Integer(), tracking_no: Type.String(), requester: Type.String() })),
    events: Type.Array(CaseEventView),
    /** The steps the caller may take now: the console shows these buttons only. */
    actions: Type.Array(CaseAction),
  }),
]);

/** A step on a case: the version read (a stale one is a 409) and what the step needs. */
export const CaseStepBody = Strict({
  version: Type.Integer({ minimum: 1 }),
  /** Why: required for return, deny_*, review_reject, reopen, request_*; the answer for answer and reply; the note's text. */
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
  /** dispatch: the handling union. */
  org_id: Type.Optional(Id),
  /** request_extension: working days asked. */
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
  /** dispatch, or any step by the dispatcher before signing: the tier. */
  tier: Type.Optional(CaseTier),
  /** reply on a wage case: the amount recovered, in 分. */
  wage_recovered_fen: Type.Optional(Fen),
  /** note: whether the requester may see it (notes are internal by default). */
  public: Type.Optional(Type.Boolean()),
});
export const CaseStepParams = Strict({ id: Id, action: Type.String({ maxLength: 40 }) });

/** The caller's queue counts (menu badges); each counts at most `cap`. */
export const CaseCounts = Type.Object({
  dispatch: Type.Integer(),
  handle: Type.Integer(),
  review: Type.Integer(),
  requests: Type.Integer(),
  overdue: Type.Integer(),
  cap: Type.Integer(),
});

/** The hotline's caller lookup: the phone in the body, never in a URL. */
export const CallerLookupBody = Strict({ phone: Type.String({ minLength: 1, maxLength: 20 }) });
export const CallerLookup = Type.Object({
  is_member: Type.Boolean(),
  /** The caller's union when they are a member. */
  member_org: Nullable(Type.String()),
  /** Their earlier cases in the agent's scope, newest first (at most 20). */
  cases: Type.Array(CaseListItem),
});

/** A case that looks like another (the collective-case offer): why it matched. */
export const SimilarCase = Type.Composite([
  CaseListItem,
  Type.Object({
    same_employer: Type.Boolean(),
    same_station: Type.Boolean(),
    same_place: Type.Boolean(),
  }),
]);
export const SimilarCases = Type.Object({ items: Type.Array(SimilarCase) });

/** 集体诉求: the dispatcher groups reports under one parent, handled once, every requester told. */
export const CollectiveBody = Strict({
  case_ids: Type.Array(Id, { minItems: 2, maxItems: 200, uniqueItems: true }),
  reason: Type.Optional(Type.String({ maxLength: 500 })),
});

/** A co-handling union (首接负责 across provinces): named by its join code or QR content. */
export const CoHandlerBody = Strict({
  version: Type.Integer({ minimum: 1 }),
  org_code: Type.String({ minLength: 1, maxLength: 200 }),
  reason: Type.Optional(Type.String({ maxLength: 500 })),
});

/** One answer of the hotline's knowledge base. */
export const CaseAnswer = Type.Object({
  id: Type.Integer(),
  org: CaseOrg,
  kind: Nullable(CaseKind),
  title: Type.String(),
  body: Type.String(),
  keywords: Type.String(),
  retired: Type.Boolean(),
  version: Type.Integer(),
  updated_at: Type.String(),
  /** Whether the caller may edit it (an answer of a union in their intake scope). */
  editable: Type.Boolean(),
});
export const CaseAnswerQuery = Strict({
  q: Type.Optional(Type.String({ maxLength: 40 })),
  kind: Type.Optional(CaseKind),
  retired: Type.Optional(Type.Boolean()),
  ...PageQuery,
});
/**
 * What the intake knows so far, for the knowledge base to suggest answers (in the body: the
 * description is the caller's story and never goes into a URL).
 */
export const CaseAnswerSuggestBody = Strict({
  kind: Type.Optional(CaseKind),
  subject: Type.Optional(Subject),
  text: Type.Optional(Type.String({ maxLength: 2000 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
});
export const CaseAnswerSuggestions = Type.Object({ items: Type.Array(CaseAnswer) });
export const CaseAnswerBody = Strict({
  title: Type.String({ maxLength: 100 }),
  body: Type.String({ maxLength: 4000 }),
  keywords: Type.Optional(Type.String({ maxLength: 200 })),
  kind: Type.Optional(Nullable(CaseKind)),
  /** The union it belongs to (its subtree and everyone above read it); default the caller's first intake grant's. */
  org_id: Type.Optional(Id),
});
export const CaseAnswerPatch = Strict({
  version: Type.Integer({ minimum: 1 }),
  title: Type.Optional(Type.String({ maxLength: 100 })),
  body: Type.Optional(Type.String({ maxLength: 4000 })),
  keywords: Type.Optional(Type.String({ maxLength: 200 })),
  kind: Type.Optional(Nullable(CaseKind)),
  retired: Type.Optional(Type.Boolean()),
});

// ————— The case figures (server/features/cases/rates.ts, rates-routes.ts) —————

const ShanghaiDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: '上海日期 YYYY-MM-DD' });

/** Whose figures and when: an org's subtree, cases received from `from` to `to` inclusive (default: this month). */
export const CaseRatesQuery = Strict({
  org_id: Id,
  from: Type.Optional(ShanghaiDate),
  to: Type.Optional(ShanghaiDate),
});

/** One rate: numerator / denominator, null when nothing was counted. */
export const CaseRate = Type.Object({
  numerator: Type.Integer(),
  denominator: Type.Integer(),
  rate: Nullable(Type.Number()),
});

/**
 * The three rates and the case figures of an org's subtree (DESIGN.md §4.4): response = signed on
 * time / dispatched; resolution = confirmed resolved by the requester / closed; satisfaction =
 * satisfied / rated (基本满意 is not 满意: it counts in the denominator only, and `ratings` shows it).
 */
export const CaseRates = Type.Object({
  org: Type.Object({ id: Type.Integer(), name: Type.String() }),
  from: Type.String(),
  to: Type.String(),
  response: CaseRate,
  resolution: CaseRate,
  satisfaction: CaseRate,
  ratings: Type.Object({ satisfied: Type.Integer(), basically: Type.Integer(), unsatisfied: Type.Integer() }),
  total: Type.Integer(),
  wage_claimed_fen: Type.Integer(),
  wage_recovered_fen: Type.Integer(),
  /** Working days from receipt to closing, averaged over the closed cases (null when none closed). */
  avg_handling_days: Nullable(Type.Number()),
  counts: Type.Record(CaseCategory, Type.Integer()),
});

/** The figures of each union right below an org (at most 50; `more`: there are others). */
export const CaseRatesChildren = Type.Object({
  org: Type.Object({ id: Type.Integer(), name: Type.String() }),
  from: Type.String(),
  to: Type.String(),
  items: Type.Array(CaseRates),
  more: Type.Boolean(),
});

export const RateMeasure = Type.Union([
  Type.Literal('response'),
  Type.Literal('resolution'),
  Type.Literal('satisfaction'),
]);

/** The cases behind one number: `hit` those in the numerator, `miss` those in the denominator only. */
export const CaseRateCasesQuery = Strict({
  org_id: Id,
  from: Type.Optional(ShanghaiDate),
  to: Type.Optional(ShanghaiDate),
  measure: RateMeasure,
  outcome: Type.Union([Type.Literal('hit'), Type.Literal('miss')]),
  ...PageQuery,
});

export const CaseRateCase = Type.Object({
  id: Type.Integer(),
  tracking_no: Type.String(),
  kind: CaseKind,
  status: Type.String(),
  category: CaseCategory,
  received_at: Type.String(),
  due_at: Type.String(),
  signed_on_time: Nullable(Type.Boolean()),
  rating: Nullable(CaseRating),
  rating_resolved: Nullable(Type.Boolean()),
});

/** The ledger's (台账) filters: the figures' scope and period. */
export const CaseLedgerQuery = CaseRatesQuery;
