import type { Static } from '@sinclair/typebox';
import type * as authApi from '../../../common/api/auth';
import type * as casesApi from '../../../common/api/cases';
import type { OtpSent } from '../auth/api';
import { http } from '../../lib/http';

/** The H5's case calls (DESIGN.md §5): the phone travels in bodies, never in URLs. */

export type CaseInput = Static<typeof casesApi.CaseBody>;
export type CaseFiled = Static<typeof casesApi.CaseFiled>;
export type PublicCaseView = Static<typeof casesApi.PublicCaseView>;
export type PublicCaseEvent = Static<typeof casesApi.PublicCaseEvent>;
export type CaseTrackInput = Static<typeof casesApi.CaseTrackBody>;
export type CaseRateInput = Static<typeof casesApi.CaseRateBody>;

/** The file kind of a case's photos (server/features/cases/files.ts). */
const CASE_ATTACHMENT_KIND = 'cases.attachment';

export const sendCaseOtp = (phone: string) =>
  http.post<OtpSent>('/otp', {
    body: { phone, purpose: 'case' } satisfies Static<typeof authApi.SendOtpBody>,
    idempotent: true,
  });

export const fileCase = (input: CaseInput, idempotencyKey: string) =>
  http.post<CaseFiled>('/cases', { body: input, idempotencyKey });
export const trackCase = (input: CaseTrackInput) => http.post<PublicCaseView>('/cases/track', { body: input });
export const rateCase = (input: CaseRateInput, idempotencyKey: string) =>
  http.post<PublicCaseView>('/cases/rate', { body: input, idempotencyKey });
export const fetchMyCases = () => http.get<{ items: PublicCaseView[] }>('/me/cases');

/** Uploads one photo; the answer's token (given to a caller nobody signed in) goes with the case. */
export async function uploadCasePhoto(file: File): Promise<{ id: string; token?: string; url: string }> {
  const form = new FormData();
  form.append('kind', CASE_ATTACHMENT_KIND); // the kind first: the server reads its limits before the file
  form.append('files', file);
  const answer = await http.post<{ items: Array<{ id: string; token?: string; url: string }> }>('/files', {
    body: form,
  });
  return answer.items[0]!;
}
