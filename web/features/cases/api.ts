import type { Static } from '@sinclair/typebox';
import type * as settingsApi from '../../../common/api/case-settings';
import type * as api from '../../../common/api/cases';
import { http, type ListQuery, type Page } from '../../lib/http';

/** The console's calls for 工单 (cases.*). Types are the API's own schemas. */

export type CaseListItem = Static<typeof api.CaseListItem>;
export type CaseView = Static<typeof api.CaseView>;
export type CaseEventView = Static<typeof api.CaseEventView>;
export type CaseListQuery = ListQuery<Static<typeof api.CaseListQuery>>;
export type CaseQueue = NonNullable<Static<typeof api.CaseListQuery>['queue']>;
export type CaseStepBody = Static<typeof api.CaseStepBody>;
export type CadreCaseBody = Static<typeof api.CadreCaseBody>;
export type CaseCounts = Static<typeof api.CaseCounts>;
export type CallerLookup = Static<typeof api.CallerLookup>;
export type SimilarCase = Static<typeof api.SimilarCase>;
export type CaseAnswer = Static<typeof api.CaseAnswer>;
export type CaseAnswerQuery = ListQuery<Static<typeof api.CaseAnswerQuery>>;
export type CaseAnswerBody = Static<typeof api.CaseAnswerBody>;
export type CaseAnswerPatch = Static<typeof api.CaseAnswerPatch>;

export const listCases = (query: CaseListQuery) =>
  http.get<Page<CaseListItem>>('/cases', { query: { ...query, limit: 30 } });
export const fetchCaseCounts = () => http.get<CaseCounts>('/cases/counts');
export const fetchCase = (id: number) => http.get<CaseView>(`/cases/${id}`);
/** One step; a stale `version` answers 409 stale_version (someone else acted first). */
export const takeCaseStep = (id: number, action: string, body: CaseStepBody) =>
  http.post<CaseView>(`/cases/${id}/${action}`, { body });
/** `idempotencyKey`: kept by the form across retries, so a resent intake is not a second case. */
export const openCadreCase = (body: CadreCaseBody, idempotencyKey: string) =>
  http.post<CaseView>('/cases/intake', { body, idempotencyKey });
/** The hotline's caller lookup: member or not, earlier cases in scope (the phone in the body, never a URL). */
export const lookUpCaller = (phone: string) => http.post<CallerLookup>('/cases/caller-lookup', { body: { phone } });

/** Open cases like this one (same employer, station or place): the collective-case offer. */
export const fetchSimilarCases = (id: number) => http.get<{ items: SimilarCase[] }>(`/cases/${id}/similar`);
/** Groups waiting reports under a new collective parent; answers the parent. */
export const makeCollectiveCase = (caseIds: number[], reason?: string) =>
  http.post<CaseView>('/cases/collective', { body: { case_ids: caseIds, reason } });
/** Adds a co-handling union, named by its join code; answers the case. */
export const addCaseCoHandler = (id: number, version: number, orgCode: string) =>
  http.post<CaseView>(`/cases/${id}/co-handlers`, { body: { version, org_code: orgCode } });

/** The hotline's knowledge base: searched on the server, a page at a time. */
export const listCaseAnswers = (query: CaseAnswerQuery) => http.get<Page<CaseAnswer>>('/cases/answers', { query });
/** Answers matching the intake so far (kind, subject, the caller's story in the body), best first. */
export const suggestCaseAnswers = (body: Static<typeof api.CaseAnswerSuggestBody>) =>
  http.post<Static<typeof api.CaseAnswerSuggestions>>('/cases/answers/suggest', { body });
export const createCaseAnswer = (body: CaseAnswerBody) => http.post<CaseAnswer>('/cases/answers', { body });
/** Edits or retires (`retired: true`) an answer; a stale `version` answers 409. */
export const updateCaseAnswer = (id: number, body: CaseAnswerPatch) =>
  http.patch<CaseAnswer>(`/cases/answers/${id}`, { body });

/** Sent on window when a step changed the queues (the menu badge counts again). */
export const CASES_CHANGED = 'gonghui:cases-changed';

export type CaseRates = Static<typeof api.CaseRates>;
export type CaseRatesQuery = Static<typeof api.CaseRatesQuery>;
export type CaseRateCase = Static<typeof api.CaseRateCase>;
export type CaseRateCasesQuery = ListQuery<Static<typeof api.CaseRateCasesQuery>>;
export type CaseSettingsView = Static<typeof settingsApi.CaseSettingsView>;
export type CaseSettingsBody = Static<typeof settingsApi.CaseSettingsBody>;

/** 工单统计: the three rates and figures of an org's subtree over a received-date period. */
export const fetchCaseRates = (query: CaseRatesQuery) => http.get<CaseRates>('/cases/rates', { query: { ...query } });
/** The figures of each union right below the org, in one request (at most 50; `more` says there are others). */
export const fetchChildCaseRates = (query: CaseRatesQuery) =>
  http.get<Static<typeof api.CaseRatesChildren>>('/cases/rates/children', { query: { ...query } });
/** The cases behind one rate: `hit` in the numerator, `miss` in the denominator only. */
export const listRateCases = (query: CaseRateCasesQuery) =>
  http.get<Page<CaseRateCase>>('/cases/rates/cases', { query: { ...query, limit: 20 } });
export const fetchCaseSettings = (orgId: number) => http.get<CaseSettingsView>(`/cases/settings/${orgId}`);
export const saveCaseSettings = (orgId: number, body: CaseSettingsBody) =>
  http.put<CaseSettingsView>(`/cases/settings/${orgId}`, { body });

export type CaseDutyPhones = Static<typeof settingsApi.CaseDutyPhones>;
export type CaseDutyPhoneBody = Static<typeof settingsApi.CaseDutyPhoneBody>;
/** 值班电话: an org's duty desks paged on emergencies (its own, or what it inherits). */
export const fetchDutyPhones = (orgId: number) => http.get<CaseDutyPhones>(`/cases/settings/${orgId}/duty-phones`);
export const addDutyPhone = (orgId: number, body: CaseDutyPhoneBody) =>
  http.post<CaseDutyPhones>(`/cases/settings/${orgId}/duty-phones`, { body });
export const removeDutyPhone = (orgId: number, id: number) =>
  http.delete<CaseDutyPhones>(`/cases/settings/${orgId}/duty-phones/${id}`);
export type CaseStatusLabels = Static<typeof settingsApi.CaseStatusLabels>;
export type CaseStatusLabel = Static<typeof settingsApi.CaseStatusLabel>;
/** The statuses as the org names them (its own labels, its ancestors', the platform's). */
export const fetchStatusLabels = (orgId: number) => http.get<CaseStatusLabels>(`/cases/settings/${orgId}/statuses`);
export const saveStatusLabel = (orgId: number, code: string, label: string) =>
  http.put<CaseStatusLabels>(`/cases/settings/${orgId}/statuses/${code}`, { body: { label } });
export const resetStatusLabel = (orgId: number, code: string) =>
  http.delete<CaseStatusLabels>(`/cases/settings/${orgId}/statuses/${code}`);
