import { describe, expect, it } from 'vitest';
import { isValidUscc, usccCheckChar } from './uscc';

describe('统一社会信用代码 check character (GB 32100)', () => {
  it('accepts published codes and their check characters', () => {
    // A widely cited example code with a correct check character.
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('rejects a wrong check character, letters outside the alphabet and wrong lengths', () => {
    expect(isValidUscc('91350100M000100Y44')).toBe(false);
    expect(isValidUscc('91350100M000100YI3')).toBe(false); // I is not in the alphabet
    expect(isValidUscc('91350100M000100Y4')).toBe(false);
    expect(usccCheckChar('9135010OM000100Y4')).toBeNull(); // O is not in the alphabet
  });

  it('every 17-character body has exactly one valid check character', () => {
    const body = '81321302MA1XYW001';
    const valid = '0123456789ABCDEFGHJKLMNPQRTUWXY'.split('').filter((c) => isValidUscc(body + c));
    expect(valid).toEqual([usccCheckChar(body)]);
  });
});
