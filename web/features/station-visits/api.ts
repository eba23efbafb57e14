import type { Static } from '@sinclair/typebox';
import type * as api from '../../../common/api/station-visits';
import { http, type ListQuery, type Page } from '../../lib/http';

// The types are the API's own schemas (common/api/), so the client cannot drift from the server.
export type CheckInAnswer = Static<typeof api.CheckInAnswer>;
export type CheckInBody = Static<typeof api.CheckInBody>;
export type ReviewSummary = Static<typeof api.ReviewSummary>;
export type MyReview = Static<typeof api.MyReview>;
export type ReviewBody = Static<typeof api.ReviewBody>;
export type ProblemBody = Static<typeof api.ProblemBody>;
export type ProblemReported = Static<typeof api.ProblemReported>;
export type Problem = Static<typeof api.ProblemView>;
export type ProblemQuery = ListQuery<Static<typeof api.ProblemListQuery>>;
export type ProblemStatusBody = Static<typeof api.ProblemStatusBody>;
export type VisitCounts = Static<typeof api.VisitCounts>;
export type VisitCountsQuery = Static<typeof api.VisitCountsQuery>;
export type VisitsToday = Static<typeof api.VisitsToday>;
export type SeenStation = Static<typeof api.KeptStation>;

/** The public record's name (the stations feature's GET /stations/:id), for the H5 pages' titles. */
export const fetchStationName = (id: number) =>
  http.get<{ id: number; name: string; address: string }>(`/stations/${id}`);

/** `idempotencyKey`: kept by the page across retries, so a resent check-in is not a second one. */
export const checkIn = (stationId: number, body: CheckInBody, idempotencyKey: string) =>
  http.post<CheckInAnswer>(`/stations/${stationId}/check-ins`, { body, idempotencyKey });

export const fetchReviewSummary = (stationId: number) => http.get<ReviewSummary>(`/stations/${stationId}/reviews`);
export const fetchMyReview = (stationId: number) =>
  http.get<{ review: MyReview | null }>(`/stations/${stationId}/reviews/mine`);
export const rateStation = (stationId: number, body: ReviewBody) =>
  http.put<{ review: MyReview | null }>(`/stations/${stationId}/reviews/mine`, { body });

export const reportProblem = (stationId: number, body: ProblemBody, idempotencyKey: string) =>
  http.post<ProblemReported>(`/stations/${stationId}/problems`, { body, idempotencyKey });

/** Uploads a problem's photo; the answer's token (given to a caller nobody signed in) goes with the report. */
export async function uploadProblemPhoto(file: File): Promise<{ id: string; token?: string; url: string }> {
  const form = new FormData();
  form.append('kind', 'station-visits.problem_photo'); // the kind first: the server reads its limits before the file
  form.append('files', file);
  const answer = await http.post<{ items: Array<{ id: string; token?: string; url: string }> }>('/files', {
    body: form,
  });
  return answer.items[0]!;
}

// The console.
export const fetchVisitCounts = (query: VisitCountsQuery) =>
  http.get<VisitCounts>('/station-visits/counts', { query: { ...query } });
export const fetchVisitsToday = (stationId: number) => http.get<VisitsToday>(`/stations/${stationId}/visits/today`);
export const listSeenStations = (q?: string) =>
  http.get<{ items: SeenStation[] }>('/station-visits/stations', { query: { q } });
export const listProblems = (query: ProblemQuery) =>
  http.get<Page<Problem>>('/station-problems', { query: { ...query } });
export const setProblemStatus = (id: number, body: ProblemStatusBody) =>
  http.post<Problem>(`/station-problems/${id}/status`, { body });
