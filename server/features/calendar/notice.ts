/**
 * Checks a State Council notice as an admin types it in (the holiday ranges and the make-up working
 * days) and turns it into the year's national days. Pure. Every problem is named by its field, as the
 * form shows it: `holidays.2.to`, `workdays.0`.
 */
import { isoFromDay, parseIsoDate } from '../../../common/calendar/days';
import type { CalendarDay, IsoDate } from '../../../common/calendar/types';
import type { FieldErrors } from '../../../common/errors';
import { isWeekdayDefault, yearOf } from './refresh';

export interface NoticeInput {
  holidays: ReadonlyArray<{ name: string; from: IsoDate; to: IsoDate }>;
  workdays: readonly IsoDate[];
}

/** The longest holiday in any notice so far is 9 days (春节 2026, 国庆 with 中秋 2023 was 8): 14 allows for more. */
export const MAX_HOLIDAY_DAYS = 14;

const dayNo = (date: IsoDate) => parseIsoDate(date)!;

/** The year's days from the notice, or the fields that are wrong (with a Chinese message each). */
export function daysFromNotice(
  year: number,
  notice: NoticeInput,
): { days: CalendarDay[]; errors: null } | { days: null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const dateError = (date: IsoDate) =>
    parseIsoDate(date) === null ? '日期不存在' : yearOf(date) !== year ? `须在 ${year} 年内` : null;
  const ranges: Array<{ i: number; from: number; to: number; name: string }> = [];
  notice.holidays.forEach((h, i) => {
    const name = h.name.trim();
    if (!name) errors[`holidays.${i}.name`] = '请填写节日名称';
    const fromError = dateError(h.from);
    const toError = dateError(h.to);
    if (fromError) errors[`holidays.${i}.from`] = fromError;
    if (toError) errors[`holidays.${i}.to`] = toError;
    if (fromError || toError) return;
    const [from, to] = [dayNo(h.from), dayNo(h.to)];
    if (to < from) errors[`holidays.${i}.to`] = '结束日期不能早于开始日期';
    else if (to - from + 1 > MAX_HOLIDAY_DAYS) errors[`holidays.${i}.to`] = `一段假期不能超过 ${MAX_HOLIDAY_DAYS} 天`;
    else {
      const other = ranges.find((r) => r.from <= to && from <= r.to);
      if (other) errors[`holidays.${i}.from`] = `与第 ${other.i + 1} 项（${other.name}）的日期重叠`;
      else ranges.push({ i, from, to, name });
    }
  });
  const seen = new Set<IsoDate>();
  notice.workdays.forEach((date, i) => {
    const field = `workdays.${i}`;
    const error = dateError(date);
    if (error) errors[field] = error;
    else if (isWeekdayDefault(date)) errors[field] = '调休上班日须是周六或周日';
    else if (seen.has(date)) errors[field] = '重复的日期';
    else {
      const inside = ranges.find((r) => r.from <= dayNo(date) && dayNo(date) <= r.to);
      if (inside) errors[field] = `落在第 ${inside.i + 1} 项（${inside.name}）的假期内`;
    }
    seen.add(date);
  });
  if (Object.keys(errors).length > 0) return { days: null, errors };

  const official = { source: 'official', region_prefix: '', provisional: false } as const;
  const days: CalendarDay[] = [];
  for (const r of ranges)
    for (let n = r.from; n <= r.to; n++)
      days.push({ date: isoFromDay(n), is_workday: false, label: r.name, ...official });
  for (const date of notice.workdays) days.push({ date, is_workday: true, label: '调休上班', ...official });
  days.sort((a, b) => (a.date < b.date ? -1 : 1));
  return { days, errors: null };
}
