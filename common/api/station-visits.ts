import { Type } from '@sinclair/typebox';
import { OCCUPATIONS } from '../members';
import {
  COUNTS_MAX_DAYS,
  PROBLEM_DESCRIPTION_MAX,
  PROBLEM_KINDS,
  PROBLEM_STATUSES,
  REVIEW_COMMENT_MAX,
  STATUS_NOTE_MAX,
} from '../station-visits';
import { AttachmentRefs, UploadedFile } from './files';
import { Id, PageQuery, Strict } from './schemas';

/**
 * A station's visits (打卡), ratings and problem reports (server/features/station-visits/routes.ts,
 * web/features/station-visits/api.ts).
 */

const literals = <T extends string>(codes: readonly T[]) => Type.Union(codes.map((c) => Type.Literal(c)));
const keys = <T extends object>(o: T) => Object.keys(o) as Array<keyof T & string>;

export const VisitOccupation = literals(keys(OCCUPATIONS));
export const ProblemKind = literals(keys(PROBLEM_KINDS));
export const ProblemStatus = literals(keys(PROBLEM_STATUSES));
const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: '上海日期 YYYY-MM-DD' });

export const StationIdParams = Strict({ id: Id });

// -- 打卡

export const CheckInBody = Strict({
  occupation: VisitOccupation,
  visitor_token: Type.Optional(
    Type.String({
      pattern: '^[A-Za-z0-9_-]{16,100}$',
      description:
        '访客标识：H5 在本机生成并保存的随机串，未登录时必填，只以加密散列保存 The H5’s own random token (required when not signed in), stored only as a keyed hash',
    }),
  ),
});

export const CheckInAnswer = Type.Object({
  counted: Type.Boolean({ description: '是否计入（一小时内重复打卡不计） Whether this visit counted' }),
  message: Type.String(),
  station_name: Type.String(),
  visited_at: Type.String({
    format: 'date-time',
    description: '计入的打卡时间（不计入时为上次） When the counted visit was',
  }),
});

/** The counts' filters: one station, or an org's subtree (else every station the caller sees), over a period. */
export const VisitCountsQuery = Strict({
  station_id: Type.Optional(Id),
  org_id: Type.Optional(Id),
  from: IsoDate,
  to: IsoDate,
});

export const VisitCountRow = Type.Object({
  day: IsoDate,
  occupation: VisitOccupation,
  visits: Type.Integer(),
});

export const VisitCounts = Type.Object({
  from: IsoDate,
  to: IsoDate,
  stations: Type.Integer({ description: '统计范围内的驿站数 Stations counted' }),
  total: Type.Integer(),
  by_occupation: Type.Array(Type.Object({ occupation: VisitOccupation, visits: Type.Integer() })),
  by_day: Type.Array(Type.Object({ day: IsoDate, visits: Type.Integer() })),
  rows: Type.Array(VisitCountRow),
});

export const VisitsToday = Type.Object({
  station_id: Id,
  station_name: Type.String(),
  day: IsoDate,
  total: Type.Integer(),
  by_occupation: Type.Array(Type.Object({ occupation: VisitOccupation, visits: Type.Integer() })),
  /** When each visit was, newest first; nothing about who. */
  times: Type.Array(Type.Object({ at: Type.String({ format: 'date-time' }), occupation: VisitOccupation })),
});

export const KeptStation = Type.Object({
  id: Id,
  name: Type.String(),
  org_name: Type.String(),
  kept: Type.Boolean({ description: '调用者是站长 The caller keeps it' }),
});
export const KeptStations = Type.Object({ items: Type.Array(KeptStation) });

// -- 评价

export const ReviewBody = Strict({
  rating: Type.Integer({ minimum: 1, maximum: 5, description: '评分 1–5' }),
  comment: Type.Optional(Type.String({ maxLength: REVIEW_COMMENT_MAX, description: '评价（选填，≤500 字）' })),
  /** The version read, when changing one's rating; absent for the first. */
  version: Type.Optional(Type.Integer({ minimum: 1 })),
});

export const MyReview = Type.Object({
  rating: Type.Integer(),
  comment: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  updated_at: Type.String({ format: 'date-time' }),
});
export const MyReviewAnswer = Type.Object({ review: Type.Union([MyReview, Type.Null()]) });

export const ReviewSummary = Type.Object({
  station_id: Id,
  count: Type.Integer(),
  average: Type.Union([Type.Number(), Type.Null()], { description: '平均分，保留一位小数；无评价时为 null' }),
  /** How many of each score, 1 to 5. */
  histogram: Type.Array(Type.Integer(), { minItems: 5, maxItems: 5 }),
  latest: Type.Array(
    Type.Object({
      rating: Type.Integer(),
      comment: Type.String({ description: '号码等长数字已打码 Digit runs masked' }),
      day: IsoDate,
    }),
  ),
});

// -- 问题报告

export const ProblemBody = Strict({
  kind: ProblemKind,
  description: Type.String({ minLength: 1, maxLength: PROBLEM_DESCRIPTION_MAX }),
  contact_phone: Type.Optional(Type.String({ maxLength: 20 })),
  photos: Type.Optional(Type.Intersect([AttachmentRefs], { maxItems: 3 })),
});

export const ProblemReported = Type.Object({
  id: Id,
  status: ProblemStatus,
  message: Type.String(),
});

export const ProblemListQuery = Strict({
  status: Type.Optional(ProblemStatus),
  station_id: Type.Optional(Id),
  org_id: Type.Optional(Id),
  ...PageQuery,
});

export const ProblemView = Type.Object({
  id: Id,
  station_id: Id,
  station_name: Type.String(),
  org_name: Type.String(),
  kind: ProblemKind,
  description: Type.String(),
  contact_phone_masked: Type.Union([Type.String(), Type.Null()]),
  signed_in: Type.Boolean({ description: '报告人已登录 Reported by a signed-in worker' }),
  status: ProblemStatus,
  status_note: Type.Union([Type.String(), Type.Null()]),
  photos: Type.Array(UploadedFile),
  version: Type.Integer(),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
});

export const ProblemStatusBody = Strict({
  status: ProblemStatus,
  note: Type.Optional(Type.String({ maxLength: STATUS_NOTE_MAX })),
  version: Type.Integer({ minimum: 1 }),
});

export const COUNTS_PERIOD_MAX_DAYS = COUNTS_MAX_DAYS;
