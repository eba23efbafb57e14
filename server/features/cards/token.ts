import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * The card's QR payload: `GH1.<member id>.<Unix minute>.<mac>`, the mac being the first 16 bytes
 * of HMAC-SHA256 over the rest (base64url, 22 characters). It changes every minute and names no
 * person, so a screenshot of it stops working and a stranger who photographs it learns nothing.
 */
const VERSION = 'GH1';
const MAC_BYTES = 16;
const SHAPE = /^GH1\.([1-9][0-9]{0,9})\.([0-9]{1,10})\.([A-Za-z0-9_-]{22})$/;

const keys = new WeakMap<Buffer, Buffer>();

/**
 * The card key, derived from the blind-index key under its own label (HKDF): one secret to keep,
 * yet a card mac can never be mistaken for, or help to recover, a blind index.
 */
export function cardKey(blindIndexKey: Buffer): Buffer {
  let key = keys.get(blindIndexKey);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', blindIndexKey, Buffer.alloc(0), 'gonghui/member-card/v1', 32));
    keys.set(blindIndexKey, key);
  }
  return key;
}

/** The Unix minute of an instant. */
export const minuteOf = (now: number): number => Math.floor(now / 60_000);

const macOf = (key: Buffer, body: string): Buffer =>
  createHmac('sha256', key).update(body, 'utf8').digest().subarray(0, MAC_BYTES);

/** Signs a member's card for one minute. */
export function signCardToken(key: Buffer, memberId: number, minute: number): string {
  const body = `${VERSION}.${memberId}.${minute}`;
  return `${body}.${macOf(key, body).toString('base64url')}`;
}

/** The member and minute a payload carries, or null when it is not one we signed (garbled, forged, tampered). */
export function readCardToken(key: Buffer, payload: string): { memberId: number; minute: number } | null {
  const m = SHAPE.exec(payload);
  if (!m) return null;
  const [, id, minute, mac] = m as unknown as [string, string, string, string];
  const given = Buffer.from(mac, 'base64url');
  // The regex admits 22 characters whose last one may carry stray low bits: compare the re-encoding too.
  if (given.length !== MAC_BYTES || given.toString('base64url') !== mac) return null;
  const expected = macOf(key, `${VERSION}.${id}.${minute}`);
  if (!timingSafeEqual(given, expected)) return null;
  const memberId = Number(id);
  if (memberId > 2_147_483_647) return null;
  return { memberId, minute: Number(minute) };
}
