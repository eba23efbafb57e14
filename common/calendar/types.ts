/**
 * The Chinese working-day calendar's shapes, shared by the pure arithmetic (common/calendar/),
 * the calendar feature (server/features/calendar/) and the console (web/features/calendar/).
 *
 * Only exceptions are stored: a day that is not listed is a working day from Monday to Friday and
 * a rest day on Saturday and Sunday. Listed are the statutory holidays (also when they fall on a
 * weekend, so the day can say why it is off), the days off in lieu (调休放假), the make-up working
 * days (调休上班) and the compensatory working days of the 2024 rules' article 6.
 */

/** Where a day's entry comes from: the State Council's notice (vendored or entered), the law's computation, or an admin. */
export const CALENDAR_SOURCES = ['official', 'statutory', 'manual'] as const;
export type CalendarSource = (typeof CALENDAR_SOURCES)[number];

/** A date on the civil calendar of Asia/Shanghai, `YYYY-MM-DD`. */
export type IsoDate = string;

export interface CalendarDay {
  date: IsoDate;
  is_workday: boolean;
  /** Why the day is what it is: 国庆节, 春节, 调休上班, 壮族三月三 … */
  label: string;
  source: CalendarSource;
  /**
   * '' for the whole country, else a GB/T 2260 region code prefix ('45' 广西, '54' 西藏, '4528' a
   * prefecture): the entry applies to every region code that starts with it and overrides the
   * national entry (and the weekday/weekend default) for the same date there.
   */
  region_prefix: string;
  /** Computed from the law for a year whose official notice is not in yet: it may still change. */
  provisional: boolean;
}

/** One run of consecutive days a due date skipped, and why (2026-10-01…07 国庆节, 2026-10-11 周日). */
export interface SkippedRun {
  from: IsoDate;
  to: IsoDate;
  reason: string;
  provisional: boolean;
}

/** A deadline with the working of it shown: what the UI and the API hand to a person. */
export interface DueExplanation {
  /** The instant the deadline passes: the end of the last working day, Asia/Shanghai (next day 00:00 +08:00). */
  due_at: string;
  /** The last working day counted. */
  due_date: IsoDate;
  working_days: number;
  /** The working days counted, in order (the day of receipt never counts); a make-up working day carries its label (调休上班). */
  counted: Array<{ date: IsoDate; label: string | null }>;
  /** The non-working days between receipt and the due date, in runs. */
  skipped: SkippedRun[];
  /** Whether any day counted or skipped comes from a provisional (computed) year. */
  provisional: boolean;
  region_code: string | null;
}

/** What dayOf answers: the day as it applies in one region (a regional entry beats the national one, which beats the weekday). */
export interface CalendarDayView {
  date: IsoDate;
  is_workday: boolean;
  /** The entry's label; 周六 / 周日 for a plain weekend day; '' for a plain weekday (nothing to say). */
  label: string;
  /** null when no entry covers the day (a plain weekday or weekend). */
  source: CalendarSource | null;
  /** The entry's flag; for an unlisted day, whether its year is only computed (a notice could still change it). */
  provisional: boolean;
}

/**
 * How a year is covered: by the State Council's notice ('official', vendored), by admins alone ('manual'),
 * or only by the law's computation ('statutory', provisional). A year with none is not in the calendar.
 */
export interface CalendarYear {
  year: number;
  source: CalendarSource;
  provisional: boolean;
}
