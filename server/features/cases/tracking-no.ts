import { randomInt } from 'node:crypto';
import { shanghaiToday } from '../members/personal';

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTVWXYZ';

/**
 * 'GD' (工单) + yyMMdd (Shanghai) + 6 random characters: short to read out on the phone, not
 * guessable in sequence (31⁶ ≈ 887 million a day); openCase draws again on the rare clash.
 */
export function newTrackingNo(now = Date.now()): string {
  const day = shanghaiToday(now).replaceAll('-', '').slice(2);
  let tail = '';
  for (let i = 0; i < 6; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
  return `GD${day}${tail}`;
}

/** A tracking number as typed (spaces, lower case, full-width) in its stored form, or null when it cannot be one. */
export function normaliseTrackingNo(raw: string): string | null {
  const text = raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  return /^GD[0-9]{6}[0-9A-Z]{6}$/.test(text) ? text : null;
}
