import type { Static } from '@sinclair/typebox';
import type * as api from '../../../common/api/jobs';
import { http, type ListQuery, type Page } from '../../lib/http';

// The types are the API's own schemas (common/api/), so the client cannot drift from the server.
export type JobRun = Static<typeof api.JobRun>;
export type JobState = api.JobState;
export type JobQuery = ListQuery<Static<typeof api.JobListQuery>>;

export const listJobs = (query: JobQuery) => http.get<Page<JobRun>>('/jobs', { query: { ...query } });
export const fetchJob = (id: number) => http.get<JobRun>(`/jobs/${id}`);
export const cancelJob = (id: number) => http.post<JobRun>(`/jobs/${id}/cancel`);
