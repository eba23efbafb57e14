import type { Static } from '@sinclair/typebox';
import type * as api from '../../../common/api/calendar';
import type { DueExplanation } from '../../../common/calendar/types';
import { uploadFiles } from '../../lib/upload';
import { http } from '../../lib/http';

// The types are the API's own schemas (common/api/), so the client cannot drift from the server.
export type CalendarYear = Static<typeof api.CalendarYear>;
export type CalendarDay = Static<typeof api.CalendarDay>;
export type NoticeInput = Static<typeof api.NoticeBody>;
export type { DueExplanation };

export const fetchCalendarYear = (year: number, regionCode?: string) =>
  http.get<CalendarYear>(`/calendar/${year}`, { query: { region_code: regionCode } });

export const fetchDue = (from: string, workingDays: number, regionCode?: string) =>
  http.get<DueExplanation>('/calendar/due', { query: { from, working_days: workingDays, region_code: regionCode } });

/** Uploads scans of the notice (images lose their metadata on the server); answers their ids to attach. */
export const uploadNoticeScans = (files: readonly File[]) => uploadFiles('calendar.notice', files);

export const enterNotice = (year: number, notice: NoticeInput) =>
  http.put<CalendarYear>(`/calendar/${year}/notice`, { body: notice });
