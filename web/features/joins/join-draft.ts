import { newIdempotencyKey } from '../../lib/http';

/**
 * The join form survives a dropped network, a reload and a switch to the SMS app: what was typed
 * (never the one-time code) stays in this tab's sessionStorage until the application is accepted —
 * not localStorage, so an ID number does not outlive the tab on a shared phone — and a retry of
 * the same answers reuses the same Idempotency-Key, so the server replays its first answer instead
 * of making a second application.
 */
const KEY = 'gonghui.join.draft.v1';

export interface JoinDraft {
  values: Record<string, unknown>;
  /** A digest of the body last sent (never the body: it holds the code) and its key. */
  sent?: { digest: string; key: string };
}

export function loadDraft(): JoinDraft | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as JoinDraft) : null;
  } catch {
    return null;
  }
}

export function saveDraft(draft: JoinDraft): void {
  try {
    const { otp: _otp, ...values } = draft.values;
    sessionStorage.setItem(KEY, JSON.stringify({ ...draft, values }));
  } catch {
    // Private mode or a full store: the form still works, only without the draft.
  }
}

export function clearDraft(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing kept
  }
}

/** The key for this body: the previous one when the same body is sent again, else a new one. */
export function keyFor(draft: JoinDraft, body: unknown): { key: string; draft: JoinDraft } {
  const digest = fnv1a(JSON.stringify(body));
  if (draft.sent?.digest === digest) return { key: draft.sent.key, draft };
  const key = newIdempotencyKey();
  return { key, draft: { ...draft, sent: { digest, key } } };
}

/** FNV-1a, 32 bits, hex: enough to tell "the same answers again" from "changed answers". */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16);
}
