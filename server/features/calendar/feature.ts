import type { Feature } from '../../http/feature';
import { calendarRoutes } from './routes';
import { createCalendarState } from './state';

export const calendarFeature: Feature = {
  name: 'calendar',
  routes: calendarRoutes,
  createState: async ({ db }) => ({ calendar: await createCalendarState(db) }),
};
