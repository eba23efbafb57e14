import { Badge } from 'antd';
import { useEffect, useState } from 'react';
import type { AccountMe } from '../auth/api';
import { fetchCalendarYear } from './api';
import { canManageCalendar, CALENDAR_CHANGED, thisYear } from './calendar-model';
import { t } from './messages';

/**
 * The menu's reminder for national admins: a dot beside 工作日历 while this year or next still has no
 * official notice. Asked once when the console opens and again when a notice is entered here.
 */
export function CalendarMenuBadge({ me }: { me: AccountMe }) {
  const [years, setYears] = useState<number[]>([]);
  const canManage = canManageCalendar(me);
  useEffect(() => {
    if (!canManage) return;
    let live = true;
    const check = () =>
      fetchCalendarYear(thisYear()).then(
        (y) => live && setYears(y.provisional_years.filter((year) => year <= thisYear() + 1)),
        () => undefined,
      );
    void check();
    window.addEventListener(CALENDAR_CHANGED, check);
    return () => {
      live = false;
      window.removeEventListener(CALENDAR_CHANGED, check);
    };
  }, [canManage]);
  if (years.length === 0) return null;
  return (
    <Badge
      status="warning"
      title={t('cal.alarmTitle', { years: years.join('、') })}
      style={{ marginInlineStart: 6 }}
      data-testid="calendar-menu-badge"
    />
  );
}
