import { randomInt } from 'node:crypto';
import { shanghaiToday } from '../members/personal';

const NO_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTVWXYZ';

/**
 * 'RH' + yyMMdd (Shanghai) + 6 random characters: short to read out, not guessable in sequence.
 * 31⁶ ≈ 887 million a day, so two applications drawing one number is rare, not impossible:
 * submitJoin draws again (a module of its own, so a test can force the clash).
 */
export function newApplicationNo(): string {
  const day = shanghaiToday().replaceAll('-', '').slice(2);
  let tail = '';
  for (let i = 0; i < 6; i++) tail += NO_ALPHABET[randomInt(NO_ALPHABET.length)];
  return `RH${day}${tail}`;
}
