/**
 * Lunar dates and the 清明 solar term as Shanghai day numbers, from chinese-days' tables.
 *
 * We read only chinese-days' pure table lookups (monthDays, getYearLeapMonth: bits of its LUNAR_INFO) and do
 * the date arithmetic on integers: its own date conversions (getSolarDateFromLunar, getSolarTermDate) go through
 * the process's local time zone and answer a day early west of UTC (checked: TZ=America/Los_Angeles gives
 * 2027-02-07 for 正月初一 instead of 02-06), and common/ runs in browsers anywhere.
 */
import chineseDays from 'chinese-days';
import { dayFromCivil, type DayNumber } from './days';

const { monthDays, getYearLeapMonth } = chineseDays;

/** chinese-days' table covers lunar years 1900–2100. */
export const LUNAR_FIRST_YEAR = 1900;
export const LUNAR_LAST_YEAR = 2099;

/** 正月初一 of lunar year 1900 was 1900-01-31 (the table's epoch). */
const EPOCH = dayFromCivil(1900, 1, 31);

function lunarYearDays(year: number): number {
  let days = getYearLeapMonth(year).days;
  for (let m = 1; m <= 12; m++) days += monthDays(year, m);
  return days;
}

const newYears: DayNumber[] = [EPOCH];

/** 正月初一 of a lunar year (it falls in January or February of the Gregorian year of the same number). */
export function lunarNewYear(year: number): DayNumber {
  if (!Number.isInteger(year) || year < LUNAR_FIRST_YEAR || year > LUNAR_LAST_YEAR) {
    throw new RangeError(`lunar year ${year} is outside ${LUNAR_FIRST_YEAR}–${LUNAR_LAST_YEAR}`);
  }
  while (newYears.length <= year - LUNAR_FIRST_YEAR) {
    const last = newYears.length - 1;
    newYears.push(newYears[last]! + lunarYearDays(LUNAR_FIRST_YEAR + last));
  }
  return newYears[year - LUNAR_FIRST_YEAR]!;
}

/** The day of a lunar date (month 1–12, not the leap month; day 1–30) in lunar year `year`. */
export function lunarDay(year: number, month: number, day: number): DayNumber {
  const leap = getYearLeapMonth(year);
  let offset = 0;
  for (let m = 1; m < month; m++) {
    offset += monthDays(year, m);
    // The leap month follows the month it repeats (闰六月 comes after 六月).
    if (m === leap.leapMonth) offset += leap.days;
  }
  return lunarNewYear(year) + offset + day - 1;
}

/** 除夕: the last day of the lunar year before `year`'s 正月初一 (腊月廿九 or 三十, whichever is last). */
export function lunarNewYearsEve(year: number): DayNumber {
  return lunarNewYear(year) - 1;
}

/**
 * The 清明 solar term in April of a Gregorian year 2000–2099, by the formula chinese-days uses (寿星通用公式:
 * day = ⌊Y·0.2422 + C⌋ − ⌊Y/4⌋, Y = year mod 100, C = 4.81 for the 21st century; its correction table has no
 * 清明 entry in this century). A test checks it against chinese-days' getSolarTermDate for every year.
 */
export function qingming(year: number): DayNumber {
  if (!Number.isInteger(year) || year < 2000 || year > 2099) throw new RangeError(`清明 of ${year} is not computed`);
  const y = year % 100;
  return dayFromCivil(year, 4, Math.floor(y * 0.2422 + 4.81) - Math.floor(y / 4));
}
