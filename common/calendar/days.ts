/**
 * Civil dates of Asia/Shanghai as integer day numbers (days since 1970-01-01), so the calendar's maths
 * is integer arithmetic with no time-zone library and no Date objects in the loops. China has kept
 * UTC+8 without daylight saving since 1991, which covers every year the calendar can hold (2004 on).
 */
import type { IsoDate } from './types';

/** Days since 1970-01-01 on the Shanghai civil calendar. */
export type DayNumber = number;

export const DAY_MS = 86_400_000;
/** Asia/Shanghai's fixed offset. */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function dayFromCivil(y: number, m: number, d: number): DayNumber {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The inverse of dayFromCivil. */
export function civilFromDay(day: DayNumber): { y: number; m: number; d: number } {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

export function isoFromDay(day: DayNumber): IsoDate {
  const { y, m, d } = civilFromDay(day);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

export function yearOfDay(day: DayNumber): number {
  return civilFromDay(day).y;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: DayNumber): number {
  return (((day + 4) % 7) + 7) % 7;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` → its day number, or null when it is malformed or does not exist (2026-02-30). */
export function parseIsoDate(text: string): DayNumber | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1) return null;
  const day = dayFromCivil(y, m, d);
  // A day past the month's end rolls into the next month: reject it rather than accept 02-30 as 03-02.
  return civilFromDay(day).m === m ? day : null;
}

/** The Shanghai civil day an instant falls on. */
export function dayOfInstant(ms: number): DayNumber {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** The instant a Shanghai civil day begins (00:00 +08:00). */
export function startOfDay(day: DayNumber): number {
  return day * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** An instant as Shanghai wall time with its offset: 2026-10-14T00:00:00+08:00 (what people read). */
export function formatShanghai(ms: number): string {
  const local = ms + SHANGHAI_OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  const secs = Math.floor((local - day * DAY_MS) / 1000);
  const hh = Math.floor(secs / 3600);
  const mm = Math.floor((secs % 3600) / 60);
  return `${isoFromDay(day)}T${pad2(hh)}:${pad2(mm)}:${pad2(secs % 60)}+08:00`;
}
