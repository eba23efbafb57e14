/**
 * A year's national holidays computed from 《全国年节及纪念日放假办法》 as amended on 2024-11-10 (国务院令第795号,
 * in force 2025-01-01), for a year whose State Council notice is not in yet. Provisional by nature: the notice
 * moves days around (调休) and sets make-up working weekends, which we never guess.
 *
 * 第二条: 元旦 1 day (1 Jan); 春节 4 days (农历除夕, 正月初一至初三); 清明节 1 day (农历清明当日); 劳动节 2 days
 * (1–2 May); 端午节 1 day (农历端午当日); 中秋节 1 day (农历中秋当日); 国庆节 3 days (1–3 Oct).
 * 第六条: 全体公民放假的假日，如果适逢周六、周日，应当在工作日补假 — a holiday day on a weekend earns a day off
 * on a working day; we place it on the first working day(s) after the holiday's run of days off (docs/decisions/0010).
 */
import { dayFromCivil, isoFromDay, weekdayOf, type DayNumber } from './days';
import { lunarDay, lunarNewYear, lunarNewYearsEve, qingming } from './lunar';
import type { CalendarDay } from './types';

/** The first year the 2024 amendment governs; before it 春节 had 3 days and 劳动节 1. */
export const STATUTORY_FIRST_YEAR = 2025;
export const STATUTORY_LAST_YEAR = 2099;

export interface StatutoryHoliday {
  label: string;
  days: DayNumber[];
}

/** The law's holidays of a Gregorian year, each with its days (before compensation). */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  if (!Number.isInteger(year) || year < STATUTORY_FIRST_YEAR || year > STATUTORY_LAST_YEAR) {
    throw new RangeError(
      `the 2024 holiday rules are computed for ${STATUTORY_FIRST_YEAR}–${STATUTORY_LAST_YEAR}, not ${year}`,
    );
  }
  const newYear = lunarNewYear(year);
  return [
    { label: '元旦', days: [dayFromCivil(year, 1, 1)] },
    { label: '春节', days: [lunarNewYearsEve(year), newYear, newYear + 1, newYear + 2] },
    { label: '清明节', days: [qingming(year)] },
    { label: '劳动节', days: [dayFromCivil(year, 5, 1), dayFromCivil(year, 5, 2)] },
    { label: '端午节', days: [lunarDay(year, 5, 5)] },
    { label: '中秋节', days: [lunarDay(year, 8, 15)] },
    { label: '国庆节', days: [dayFromCivil(year, 10, 1), dayFromCivil(year, 10, 2), dayFromCivil(year, 10, 3)] },
  ].sort((a, b) => a.days[0]! - b.days[0]!);
}

const isWeekend = (day: DayNumber) => weekdayOf(day) === 0 || weekdayOf(day) === 6;

/**
 * The year's statutory days off (source 'statutory', provisional), national: each holiday's days, then its
 * compensatory days (`春节补休`) for every holiday day on a Saturday or Sunday — and for a day another holiday
 * already took (中秋节 on 3 October), since one day cannot be two holidays' day off. No make-up working days.
 */
export function computeStatutoryYear(year: number): CalendarDay[] {
  const labels = new Map<DayNumber, string[]>();
  const compensatory = new Map<DayNumber, string>();
  const isOff = (day: DayNumber) => isWeekend(day) || labels.has(day) || compensatory.has(day);

  const holidays = statutoryHolidays(year);
  for (const h of holidays) for (const day of h.days) labels.set(day, [...(labels.get(day) ?? []), h.label]);

  for (const h of holidays) {
    const owed = h.days.filter((day) => isWeekend(day) || labels.get(day)![0] !== h.label).length;
    // Past the run of days off the holiday sits in (its weekend, a holiday next to it, compensation already placed).
    let day = h.days[h.days.length - 1]! + 1;
    for (let placed = 0; placed < owed; day++) {
      if (isOff(day)) continue;
      compensatory.set(day, `${h.label}补休`);
      placed++;
    }
  }

  const entry = (day: DayNumber, label: string): CalendarDay => ({
    date: isoFromDay(day),
    is_workday: false,
    label,
    source: 'statutory',
    region_prefix: '',
    provisional: true,
  });
  return [
    ...[...labels].map(([day, names]) => entry(day, names.join('、'))),
    ...[...compensatory].map(([day, label]) => entry(day, label)),
  ].sort((a, b) => (a.date < b.date ? -1 : 1));
}
