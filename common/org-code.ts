/**
 * The public join code of an org, printed under its QR poster and typed by hand when a camera
 * fails: the org id in base 31 over an alphabet without look-alikes (no 0/O, 1/I, U/V pairs), at
 * least five digits, then one check character. The check is a weighted sum modulo 31 (a prime,
 * weights 1…n below 31), so any single mistyped character and any swap of two neighbours is caught.
 */

/** 31 characters: no 0, 1, I, O (they read as each other) and no U (read as V). */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTVWXYZ';
const BASE = ALPHABET.length;
const MIN_DIGITS = 5;
const MAX_DIGITS = 7;

function checkOf(digits: readonly number[]): number {
  return digits.reduce((sum, d, i) => (sum + d * (i + 1)) % BASE, 0);
}

/** The join code of org `id` (a positive integer), e.g. `22223Y`. */
export function formatOrgCode(id: number): string {
  if (!Number.isSafeInteger(id) || id < 1) throw new RangeError('org id must be a positive integer');
  const digits: number[] = [];
  for (let n = id; n > 0; n = Math.floor(n / BASE)) digits.unshift(n % BASE);
  while (digits.length < MIN_DIGITS) digits.unshift(0);
  return [...digits, checkOf(digits)].map((d) => ALPHABET[d]).join('');
}

/**
 * The org id a typed or scanned code names, or null when it is malformed or its check character
 * does not match. Case, spaces and hyphens are forgiven.
 */
export function parseOrgCode(raw: string): number | null {
  if (typeof raw !== 'string') return null;
  const chars = raw.toUpperCase().replace(/[\s-]/g, '');
  if (chars.length < MIN_DIGITS + 1 || chars.length > MAX_DIGITS + 1) return null;
  const values = [...chars].map((c) => ALPHABET.indexOf(c));
  if (values.some((v) => v < 0)) return null;
  const digits = values.slice(0, -1);
  if (checkOf(digits) !== values[values.length - 1]) return null;
  const id = digits.reduce((n, d) => n * BASE + d, 0);
  return id >= 1 && id <= 2_147_483_647 ? id : null;
}
