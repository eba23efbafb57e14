/** The calendar routes' rows of the authorization matrix (server/testing/authz-harness.ts says how cells are derived). */
import { callerRow, type Row } from '../../testing/authz-harness';

/** A year after the shipped notices and within the horizon: its notice may be entered. */
const NEXT_YEAR = new Date().getFullYear() + 1;

export const calendarRows: Row[] = [
  // Reads are every cadre's: deadlines are counted on this calendar in every job that has one.
  callerRow('GET /api/v1/calendar/:year', {
    who: 'cadre',
    build: () => ({ method: 'GET', url: `/api/v1/calendar/${NEXT_YEAR}` }),
  }),
  callerRow('GET /api/v1/calendar/due', {
    who: 'cadre',
    build: () => ({ method: 'GET', url: '/api/v1/calendar/due?from=2026-09-30&working_days=5' }),
  }),
  // The calendar is the deployment's: only calendar.manage on the root (the national admin) edits it.
  callerRow('PUT /api/v1/calendar/:year/notice', {
    who: 'cadre',
    needs: 'calendar.manage',
    build: () => ({
      method: 'PUT',
      url: `/api/v1/calendar/${NEXT_YEAR}/notice`,
      payload: { holidays: [{ name: '劳动节', from: `${NEXT_YEAR}-05-01`, to: `${NEXT_YEAR}-05-05` }], workdays: [] },
    }),
  }),
  callerRow('PUT /api/v1/calendar/days/:date', {
    who: 'cadre',
    needs: 'calendar.manage',
    build: () => ({
      method: 'PUT',
      url: `/api/v1/calendar/days/${NEXT_YEAR}-06-15`,
      payload: { is_workday: false, label: '矩阵测试' },
    }),
  }),
];
