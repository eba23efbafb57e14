/**
 * The autonomous regions' own holidays (《全国年节及纪念日放假办法》第四条: 少数民族习惯的节日，由各少数民族聚居地区的
 * 地方人民政府…规定放假日期), as regional entries by GB/T 2260 prefix. Only what we could source is here; the
 * sources, and what is missing, are in docs/calendar-regional.md. Admins enter the rest (source 'manual').
 */
import { isoFromDay, parseIsoDate, type DayNumber } from './days';
import { lunarDay, LUNAR_LAST_YEAR } from './lunar';
import type { CalendarDay, CalendarSource } from './types';

export const REGION_GUANGXI = '45';
export const REGION_XIZANG = '54';
export const REGION_LHASA = '5401';
export const REGION_XINJIANG = '65';

/** 《广西壮族自治区少数民族习惯节日放假办法》(自治区人民政府令第98号), in force from 2014. */
const SANYUESAN_FIRST_YEAR = 2014;

/**
 * Days fixed by a region's own notice for a year, as published (docs/calendar-regional.md cites each).
 * Whole runs, weekends included, so a skipped Saturday says 肉孜节 rather than 周六.
 */
const NOTICES: ReadonlyArray<{ prefix: string; label: string; from: string; to: string }> = [
  // 新疆维吾尔自治区人民政府办公厅, 2025 年节假日放假调休日期 (根据自治区人民政府令第174号).
  { prefix: REGION_XINJIANG, label: '肉孜节', from: '2025-03-29', to: '2025-03-31' },
  { prefix: REGION_XINJIANG, label: '古尔邦节', from: '2025-06-06', to: '2025-06-10' },
  // 西藏各市地 2025 年藏历新年放假安排 (拉萨市人民政府办公室首发): 2 月 27 日至 3 月 4 日, 不调休.
  { prefix: REGION_XIZANG, label: '藏历新年', from: '2025-02-27', to: '2025-03-04' },
  // 拉萨市人民政府办公室 2026-01-28: 春节、藏历新年 2 月 15 日至 26 日; 15–23 日 are the national 春节 days already.
  { prefix: REGION_LHASA, label: '藏历新年', from: '2026-02-24', to: '2026-02-26' },
];

const entry = (day: DayNumber, prefix: string, label: string, source: CalendarSource, provisional: boolean) => ({
  date: isoFromDay(day),
  is_workday: false,
  label,
  source,
  region_prefix: prefix,
  provisional,
});

/**
 * A year's regional days off: 壮族三月三 in 广西 computed (农历三月初三、初四, provisional: the region's yearly
 * notice fixes the days and any 调休), and the notices we hold for the year (not provisional).
 */
export function computeRegionalYear(year: number): CalendarDay[] {
  const days: CalendarDay[] = [];
  if (year >= SANYUESAN_FIRST_YEAR && year <= LUNAR_LAST_YEAR) {
    const third = lunarDay(year, 3, 3);
    days.push(entry(third, REGION_GUANGXI, '壮族三月三', 'statutory', true));
    days.push(entry(third + 1, REGION_GUANGXI, '壮族三月三', 'statutory', true));
  }
  for (const notice of NOTICES) {
    if (Number(notice.from.slice(0, 4)) !== year) continue;
    for (let day = parseIsoDate(notice.from)!; day <= parseIsoDate(notice.to)!; day++) {
      days.push(entry(day, notice.prefix, notice.label, 'official', false));
    }
  }
  return days;
}
