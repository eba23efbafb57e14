/**
 * Stations' opening hours in OSM `opening_hours` syntax ("24/7", "Mo-Fr 08:00-18:00; PH off",
 * "Apr-Oct: 06:00-22:00; Nov-Mar: 07:00-20:00"), evaluated at Asia/Shanghai time with public holidays
 * ("PH") from our calendar, never from the library's own list. Pure: whether a date is a holiday comes
 * in as an argument (the server asks the calendar feature).
 *
 * How PH is ours: the library cannot be handed a holiday list, so a value is evaluated one Shanghai day
 * at a time, rewritten for that day. On a holiday every `PH` becomes that day's weekday (so `PH off`
 * and `Sa,PH 09:00-12:00` match it, and `PH Mo` — a holiday that is a Monday — keeps only its weekday
 * part); on any other day `PH` (with such a weekday part) becomes a weekday two days ahead, which matches neither that day nor the
 * day before (whose hours may run past midnight into it). A 调休 make-up working day (调休上班) is
 * taken as the weekday it is: OSM has no word for it (docs/decisions/0016-station-index.md).
 */
import OpeningHours, { type nominatim_object } from 'opening_hours';
import { civilFromDay, dayOfInstant, isoFromDay, startOfDay, weekdayOf, type DayNumber } from './calendar/days';

/** Minutes after Shanghai midnight: [start, end), end ≤ 1440. */
export type Interval = readonly [number, number];

/** Whether a Shanghai date (`YYYY-MM-DD`) is a public holiday where the station is. */
export type IsHoliday = (date: string) => boolean;

export interface HoursStatus {
  is_open: boolean;
  /** Minutes until it closes while open; null when closed, or open for at least the next 7 days (24/7). */
  closes_in_min: number | null;
}

const WEEKDAYS = ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'] as const;
const MINUTES_PER_DAY = 1440;
const LOOKAHEAD_DAYS = 7;
const SOLAR = /sunrise|sunset|dawn|dusk/i;

/**
 * The library's location: sunrise and sunset need one, holidays never reach it (PH is rewritten away).
 * Its types say numbers, but 3.15 reads lat/lon only when they are strings.
 */
const where = (lat = 28.45, lng = 117.95) =>
  ({ lat: String(lat), lon: String(lng), address: { country_code: 'cn', state: '' } }) as unknown as nominatim_object;

/** A Chinese message for a value the form cannot take, naming where it fails; null when it is fine. */
export function checkOpeningHours(value: string): string | null {
  const v = value.trim();
  if (v === '') return '营业时间不能为空（全天开放请填 24/7）';
  if (v.length > 255) return '营业时间不能超过 255 个字符';
  const outside = outsideComments(v);
  if (/\bSH\b/.test(outside)) return '不支持学校假期（SH）：请用具体日期，如 Jul 15-Aug 31';
  if (/\bPH\s*[+-]/.test(outside)) return '不支持节假日前后的偏移（如 PH +1 day）：请写成具体日期';
  try {
    new OpeningHours(v, where());
    return null;
  } catch (err) {
    return explainParseError(v, String(err));
  }
}

/** The library marks the spot with "<consumed part> <--- (reason)": we name the character there. */
function explainParseError(value: string, text: string): string {
  const marker = text.indexOf(' <--- ');
  if (marker < 0) return '营业时间无法识别，请按 OSM 格式填写，如 Mo-Fr 08:00-18:00; PH off';
  // The marked part ends inside or just after the offending token: point at that token's start.
  const consumed = text.slice(0, Math.min(marker, value.length));
  const at = consumed.trimEnd().search(/[^\s;,]*$/);
  const near = value.slice(at, at + 8);
  return `营业时间第 ${at + 1} 个字符处无法识别（“${near}”附近），请按 OSM 格式填写，如 Mo-Fr 08:00-18:00; PH off`;
}

/** The value with its quoted comments blanked out, so that a `PH` in a comment is left alone. */
function outsideComments(value: string): string {
  return value.replace(/"[^"]*"/g, (c) => ' '.repeat(c.length));
}

/** The value as it applies on one day: `PH` turned into a weekday (see the header). */
export function rewriteForDay(value: string, day: DayNumber, isHoliday: boolean): string {
  const parts = value.split('"');
  for (let i = 0; i < parts.length; i += 2) {
    parts[i] = isHoliday
      ? parts[i]!.replace(/\bPH\s+(?=(?:Mo|Tu|We|Th|Fr|Sa|Su)\b)/g, '').replace(/\bPH\b/g, WEEKDAYS[weekdayOf(day)]!)
      : parts[i]!.replace(/\bPH(?:\s+[A-Z][a-z](?:\s*[-,]\s*[A-Z][a-z])*\b)?/g, WEEKDAYS[weekdayOf(day + 2)]!);
  }
  return parts.join('"');
}

/** A Date whose local fields read the Shanghai wall clock at `minute` of `day`: the library reads local time. */
function wallClock(day: DayNumber, minute = 0): Date {
  const { y, m, d } = civilFromDay(day);
  return new Date(y, m - 1, d, 0, minute);
}

/** Minutes from the start of `day` to the wall-clock Date `t` (counted on the calendar, immune to the process's DST). */
function minutesInto(day: DayNumber, t: Date): number {
  const { y, m, d } = civilFromDay(day);
  const at = Date.UTC(t.getFullYear(), t.getMonth(), t.getDate(), t.getHours(), t.getMinutes());
  return Math.round((at - Date.UTC(y, m - 1, d)) / 60_000);
}

const CACHE_MAX = 20_000;
const cache = new Map<string, readonly Interval[]>();

/**
 * The open intervals of one Shanghai day (an "unknown" interval counts as closed). Memoised by value,
 * day and holiday flag: building the library's object costs ~1 ms, and many stations share a value.
 * Throws the library's error for a value checkOpeningHours refuses.
 */
export function dayIntervals(
  value: string,
  day: DayNumber,
  isHoliday: boolean,
  at?: { lat: number; lng: number },
): readonly Interval[] {
  const solar = SOLAR.test(value) && at ? `|${at.lat.toFixed(1)},${at.lng.toFixed(1)}` : '';
  const key = `${day}|${isHoliday ? 1 : 0}${solar}|${value}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const oh = new OpeningHours(rewriteForDay(value, day, isHoliday), where(at?.lat, at?.lng));
  const intervals: Interval[] = oh
    .getOpenIntervals(wallClock(day), wallClock(day + 1))
    .filter(([, , isUnknown]) => !isUnknown)
    .map(
      ([from, to]) => [Math.max(0, minutesInto(day, from)), Math.min(MINUTES_PER_DAY, minutesInto(day, to))] as const,
    );
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, intervals);
  return intervals;
}

/** Whether the hours are open at `nowMs` (Shanghai time), and if so for how many more minutes. */
export function hoursStatus(
  value: string,
  nowMs: number,
  isHoliday: IsHoliday,
  at?: { lat: number; lng: number },
): HoursStatus {
  const today = dayOfInstant(nowMs);
  const minute = Math.floor((nowMs - startOfDay(today)) / 60_000);
  const intervalsOf = (day: DayNumber) => dayIntervals(value, day, isHoliday(isoFromDay(day)), at);
  const current = intervalsOf(today).find(([s, e]) => s <= minute && minute < e);
  if (!current) return { is_open: false, closes_in_min: null };
  let closesIn = current[1] - minute;
  if (current[1] < MINUTES_PER_DAY) return { is_open: true, closes_in_min: closesIn };
  // Open to midnight: follow it through the next days while each opens at 00:00.
  for (let d = 1; d <= LOOKAHEAD_DAYS; d++) {
    const first = intervalsOf(today + d)[0];
    if (!first || first[0] > 0) return { is_open: true, closes_in_min: closesIn };
    closesIn += first[1];
    if (first[1] < MINUTES_PER_DAY) return { is_open: true, closes_in_min: closesIn };
  }
  return { is_open: true, closes_in_min: null };
}
