const KEY = 'gh_station_visitor';

/**
 * The H5's own random visitor token: made once on this phone and kept in localStorage, so a second
 * scan within the hour is known without signing in. It says nothing about the person; the server
 * keeps only a keyed hash of it. Storage refused (private mode): a token for this page only.
 */
export function visitorToken(): string {
  try {
    const kept = window.localStorage.getItem(KEY);
    if (kept && /^[A-Za-z0-9_-]{16,100}$/.test(kept)) return kept;
    const made = makeToken();
    window.localStorage.setItem(KEY, made);
    return made;
  } catch {
    return (sessionToken ??= makeToken());
  }
}

let sessionToken: string | undefined;

function makeToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
