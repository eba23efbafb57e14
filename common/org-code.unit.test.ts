import { describe, expect, it } from 'vitest';
import { formatOrgCode, parseOrgCode } from './org-code';

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTVWXYZ';

describe('org join codes', () => {
  it('round-trips ids of every size, upper-case, six characters for the first 28 million', () => {
    for (const id of [1, 2, 30, 31, 962, 123_456, 28_629_150, 2_147_483_647]) {
      const code = formatOrgCode(id);
      expect(code).toMatch(/^[2-9A-HJ-NP-TV-Z]{6,8}$/);
      expect(parseOrgCode(code)).toBe(id);
    }
    expect(formatOrgCode(1)).toHaveLength(6);
  });

  it('forgives case, spaces and hyphens', () => {
    const code = formatOrgCode(4711);
    expect(parseOrgCode(` ${code.slice(0, 3).toLowerCase()}-${code.slice(3)} `)).toBe(4711);
  });

  it('catches every single mistyped character', () => {
    for (const id of [7, 4711, 99_999]) {
      const code = formatOrgCode(id);
      for (let i = 0; i < code.length; i++) {
        for (const c of ALPHABET) {
          if (c === code[i]) continue;
          expect(parseOrgCode(code.slice(0, i) + c + code.slice(i + 1))).toBeNull();
        }
      }
    }
  });

  it('catches swapped neighbours', () => {
    const code = formatOrgCode(123_456);
    for (let i = 0; i + 1 < code.length; i++) {
      if (code[i] === code[i + 1]) continue;
      const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
      expect(parseOrgCode(swapped)).toBeNull();
    }
  });

  it('refuses look-alikes, wrong lengths and junk', () => {
    expect(parseOrgCode('')).toBeNull();
    expect(parseOrgCode('22222')).toBeNull();
    expect(parseOrgCode('O2222Z')).toBeNull();
    expect(parseOrgCode('1I0OU2')).toBeNull();
    expect(parseOrgCode('222223333')).toBeNull();
    expect(() => formatOrgCode(0)).toThrow(RangeError);
  });
});
