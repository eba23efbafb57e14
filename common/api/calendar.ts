import { Type } from '@sinclair/typebox';
import { CALENDAR_SOURCES } from '../calendar/types';
import { Nullable, Strict } from './schemas';
import { AttachmentRefs, UploadedFile } from './files';

/** The calendar API's contract (server/features/calendar/routes.ts serves it, web/features/calendar/api.ts calls it). */

/** Written as YYYY-MM-DD; whether the day exists is checked by the service, which names the field. */
const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: '日期 YYYY-MM-DD' });
const RegionCode = Type.String({ pattern: '^[0-9]{6}$', description: 'GB/T 2260 行政区划代码' });

export const CalendarSource = Type.Union(CALENDAR_SOURCES.map((s) => Type.Literal(s)));

export const CalendarDay = Type.Object({
  date: Type.String(),
  is_workday: Type.Boolean(),
  label: Type.String(),
  source: CalendarSource,
  region_prefix: Type.String({
    description: "'' 全国；否则为适用地区的行政区划代码前缀 '' national, else a region code prefix",
  }),
  provisional: Type.Boolean(),
});

export const YearStatus = Type.Union([Type.Literal('official'), Type.Literal('provisional')], {
  description: 'official：已有国务院通知；provisional：依法推算，待通知发布后可能变化',
});

export const CalendarYear = Type.Object({
  year: Type.Integer(),
  status: YearStatus,
  region_code: Nullable(Type.String()),
  /** The exceptions in force for the region (a regional entry in place of the national one), by date. */
  days: Type.Array(CalendarDay),
  /** Years from this year up to next year that are still provisional: the admins' alarm. */
  provisional_years: Type.Array(Type.Integer()),
  first_year: Type.Integer(),
  last_year: Type.Integer(),
  /** When the year's national days last changed by a notice or an override (null: as shipped). */
  changed_at: Nullable(Type.String()),
  /** The scans of the year's entered notice (国务院办公厅通知), images without metadata or PDFs; public. */
  notice_files: Type.Array(UploadedFile),
});

export const YearParams = Strict({ year: Type.Integer({ description: '年份' }) });
export const RegionQuery = Strict({ region_code: Type.Optional(RegionCode) });

export const DueQuery = Strict({
  from: Type.String({
    maxLength: 40,
    description:
      '收到的时刻：ISO 日期时间（无时区按北京时间），或日期 The instant of receipt; no offset means Asia/Shanghai',
  }),
  working_days: Type.Integer({ description: '工作日数 Working days to add' }),
  region_code: Type.Optional(RegionCode),
});

const SkippedRun = Type.Object({
  from: Type.String(),
  to: Type.String(),
  reason: Type.String(),
  provisional: Type.Boolean(),
});

export const DueExplanation = Type.Object({
  due_at: Type.String({ description: '到期时刻：最后一个工作日结束（次日 00:00 +08:00）' }),
  due_date: Type.String(),
  working_days: Type.Integer(),
  counted: Type.Array(Type.Object({ date: Type.String(), label: Nullable(Type.String()) })),
  skipped: Type.Array(SkippedRun),
  provisional: Type.Boolean(),
  region_code: Nullable(Type.String()),
});

export const NoticeBody = Strict({
  holidays: Type.Array(
    Strict({
      name: Type.String({ minLength: 1, maxLength: 20, description: '节日名称，如 国庆节' }),
      from: IsoDate,
      to: IsoDate,
    }),
    { minItems: 1, maxItems: 20, description: '放假安排：每个节日一段连续的日期' },
  ),
  workdays: Type.Array(IsoDate, { maxItems: 20, description: '调休上班的周六、周日' }),
  /** Scans of the notice uploaded as kind `calendar.notice`; given, they replace the year's earlier ones. */
  attachments: Type.Optional(AttachmentRefs),
});

export const DayParams = Strict({ date: IsoDate });
export const DayOverrideBody = Strict({
  is_workday: Type.Boolean(),
  label: Type.String({ minLength: 1, maxLength: 20 }),
});
