import type { Feature } from '../../http/feature';
import { defineFileKind } from '../../http/file-kind';
import { canManageCalendar } from './policy';
import { calendarRoutes } from './routes';
import { NOTICE_FILES } from './service';
import { createCalendarState } from './state';

export const calendarFeature: Feature = {
  name: 'calendar',
  routes: calendarRoutes,
  createState: async ({ db }) => ({ calendar: await createCalendarState(db) }),
  fileKinds: [
    // The State Council's notice as published: public like the notice itself, uploaded by whoever enters it.
    defineFileKind({
      name: NOTICE_FILES,
      accepts: ['image', 'pdf'],
      isPublic: true,
      maxPerRecord: 5,
      canUpload: (ctx) => ctx.actor?.kind === 'account' && canManageCalendar(ctx.actor),
      canRead: async () => true,
    }),
  ],
};
