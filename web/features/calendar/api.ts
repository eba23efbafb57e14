import type { Static } from '@sinclair/typebox';
import type * as api from '../../../common/api/calendar';
import type { DueExplanation } from '../../../common/calendar/types';
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
export async function uploadNoticeScans(files: readonly File[]): Promise<Array<{ id: string }>> {
  const form = new FormData();
  form.append('kind', 'calendar.notice'); // the kind first: the server reads its limits before any file
  for (const file of files) form.append('files', file);
  const answer = await http.post<{ items: Array<{ id: string }> }>('/files', { body: form });
  return answer.items.map(({ id }) => ({ id }));
}

export const enterNotice = (year: number, notice: NoticeInput) =>
  http.put<CalendarYear>(`/calendar/${year}/notice`, { body: notice });
