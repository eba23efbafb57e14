import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CalendarDay,
  CalendarYear,
  DayOverrideBody,
  DayParams,
  DueExplanation,
  DueQuery,
  NoticeBody,
  RegionQuery,
  YearParams,
} from '../../../common/api/calendar';
import { JSON_BODY, responses, SIGNED_IN } from '../../http/responses';
import { enterNotice, explainDue, getCalendarYear, setCalendarDay } from './service';

/** The working-day calendar: every console account reads it and asks for due dates; the national admin edits it. */
export function calendarRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['calendar'];

  r.get(
    '/calendar/due',
    {
      schema: {
        tags,
        summary: '计算到期日并逐日说明 A due date N working days after receipt, explained',
        querystring: DueQuery,
        response: responses({ 200: DueExplanation }, [...SIGNED_IN, 'validation_failed']),
      },
    },
    async (req) => explainDue(req.ctx, req.query),
  );

  r.get(
    '/calendar/:year',
    {
      schema: {
        tags,
        summary: '一年的节假日与调休 A year of holidays and make-up working days',
        params: YearParams,
        querystring: RegionQuery,
        response: responses({ 200: CalendarYear }, [...SIGNED_IN, 'validation_failed']),
      },
    },
    async (req) => getCalendarYear(req.ctx, req.params.year, req.query.region_code),
  );

  r.put(
    '/calendar/:year/notice',
    {
      schema: {
        tags,
        summary: '录入国务院节假日安排通知 Enter the State Council’s notice for a year',
        params: YearParams,
        body: NoticeBody,
        response: responses({ 200: CalendarYear }, [...SIGNED_IN, ...JSON_BODY, 'forbidden', 'conflict']),
      },
    },
    async (req) => enterNotice(req.ctx, req.params.year, req.body),
  );

  r.put(
    '/calendar/days/:date',
    {
      schema: {
        tags,
        summary: '修改全国日历的某一天 Set one national day by hand',
        params: DayParams,
        body: DayOverrideBody,
        response: responses({ 200: CalendarDay }, [...SIGNED_IN, ...JSON_BODY, 'forbidden', 'conflict']),
      },
    },
    async (req) => setCalendarDay(req.ctx, req.params.date, req.body),
  );
}
