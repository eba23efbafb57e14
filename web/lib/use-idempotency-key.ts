import { useCallback, useRef } from 'react';
import { newIdempotencyKey } from './http';

/**
 * The Idempotency-Key for a write, kept while its body stays the same: sending again after a lost
 * answer replays the first answer, and a changed body is a new request with a new key. For a key
 * that must outlive the page (码上入会's draft), see joins/join-draft.ts.
 */
export function useIdempotencyKey(): (body: unknown) => string {
  const last = useRef<{ body: string; key: string } | null>(null);
  return useCallback((body: unknown) => {
    const text = JSON.stringify(body);
    if (last.current?.body !== text) last.current = { body: text, key: newIdempotencyKey() };
    return last.current.key;
  }, []);
}
