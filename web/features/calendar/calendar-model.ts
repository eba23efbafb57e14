/** Pure helpers of the calendar page: month grids, the notice form's starting values, field names. */
import type { AccountMe } from '../auth/api';
import type { CalendarDay, NoticeInput } from './api';

/** This year in Beijing, whatever the browser's zone. */
export const thisYear = () =>
  Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

/** The calendar is the deployment's: it is edited with calendar.manage held on the root (the national admin). */
export const canManageCalendar = (me: AccountMe) =>
  me.grants.some((g) => g.permissions.includes('calendar.manage') && !g.org_path.includes('.'));

/** A window event the page sends after entering a notice, so the menu's reminder asks again. */
export const CALENDAR_CHANGED = 'gonghui:calendar-changed';

/** The seven statutory holidays as the notices name them (the editor's name picker). */
export const HOLIDAY_NAMES = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;

const DAY_MS = 86_400_000;
const dayNo = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const isoOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** 0 = Monday … 6 = Sunday. */
export function weekdayMondayFirst(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export const isWeekend = (date: string) => weekdayMondayFirst(date) >= 5;

/** A month as weeks of 7 cells, Monday first; null pads the first and last week. */
export function monthWeeks(year: number, month: number): Array<Array<string | null>> {
  const first = dayNo(`${year}-${String(month).padStart(2, '0')}-01`);
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cells: Array<string | null> = Array.from({ length: weekdayMondayFirst(isoOf(first)) }, () => null);
  for (let i = 0; i < length; i++) cells.push(isoOf(first + i));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** What a cell shows: a holiday (off), a make-up working day (on), or nothing special. */
export type DayKind = 'holiday' | 'regional' | 'makeup' | 'plain';

export function kindOf(day: CalendarDay | undefined): DayKind {
  if (!day) return 'plain';
  if (!day.is_workday) return day.region_prefix ? 'regional' : 'holiday';
  return isWeekend(day.date) ? 'makeup' : 'plain';
}

/**
 * The notice form's starting values from the year's national days: runs of consecutive days off for the
 * same holiday (its 补休 days included) as holiday ranges (a provisional year's computed holidays, to be checked against the notice),
 * and the weekend days marked as working.
 */
export function noticeFromDays(days: readonly CalendarDay[]): NoticeInput {
  const holidays: NoticeInput['holidays'] = [];
  const workdays: string[] = [];
  for (const d of days) {
    if (d.region_prefix !== '') continue;
    if (d.is_workday) {
      if (isWeekend(d.date)) workdays.push(d.date);
      continue;
    }
    // A day off in lieu of a holiday on a weekend (春节补休, the 2024 rules' article 6) belongs to its block.
    const name = d.label.replace(/补休$/, '');
    const last = holidays[holidays.length - 1];
    if (last && last.name === name && dayNo(d.date) === dayNo(last.to) + 1) last.to = d.date;
    else holidays.push({ name, from: d.date, to: d.date });
  }
  return { holidays, workdays };
}

/**
 * The form item a field the server names sits under: `holidays.2.to` is the third holiday's date range,
 * `workdays.0` the first make-up day. Null for a field the form does not have.
 */
export function formFieldOf(field: string): Array<string | number> | null {
  const parts = field.split('.');
  if (parts[0] === 'holidays' && parts.length === 3) {
    const i = Number(parts[1]);
    return [parts[0], i, parts[2] === 'name' ? 'name' : 'range'];
  }
  if (parts[0] === 'workdays' && parts.length === 2) return [parts[0], Number(parts[1])];
  return null;
}
