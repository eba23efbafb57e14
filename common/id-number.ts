/**
 * 居民身份证号 (GB 11643-1999): normalisation, the 15 → 18 digit conversion, the birth date and the
 * check character (DESIGN.md §4.2). Pure: the server validates with it, the H5 form checks as you type.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export interface IdNumber {
  /** The 18-character form, upper-case X. */
  value: string;
  /** 'YYYY-MM-DD' */
  birthDate: string;
  birthYear: number;
  gender: 'M' | 'F';
  /** The address code (first six digits): derived, for statistics that never decrypt. */
  regionCode: string;
  /** The test prefix 99 (no such province): accepted, with a warning (demo and test numbers use it). */
  isTestNumber: boolean;
}

export type IdNumberResult = { ok: true; id: IdNumber } | { ok: false; message: string };

/** Trims, removes inner spaces, turns full-width digits and x into ASCII, x into X. */
export function normaliseIdNumber(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\uFF58\uFF38]/g, 'X')
    .replace(/\s+/g, '')
    .toUpperCase();
}

/** The GB 11643 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1]!;
}

/**
 * Parses a number as a person types it. `today` ('YYYY-MM-DD', Shanghai) bounds the birth date.
 * Messages are Chinese and never repeat the number (they end up in error bodies).
 */
export function parseIdNumber(raw: string, today: string): IdNumberResult {
  let s = normaliseIdNumber(raw);
  if (/^\d{15}$/.test(s)) {
    // The legacy form: two-digit year of the 1900s, no check character.
    const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
    s = first17 + idCheckChar(first17);
  } else if (!/^\d{17}[\dX]$/.test(s)) {
    return { ok: false, message: '身份证号应为 18 位（或旧版 15 位）数字，最后一位可以是 X' };
  }
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (y < 1900 || !validDate(y, m, d) || birthDate > today) {
    return { ok: false, message: '身份证号中的出生日期不正确' };
  }
  if (idCheckChar(s.slice(0, 17)) !== s[17]) {
    return { ok: false, message: '身份证号校验位不正确，请核对后重新输入' };
  }
  return {
    ok: true,
    id: {
      value: s,
      birthDate,
      birthYear: y,
      gender: Number(s[16]) % 2 === 1 ? 'M' : 'F',
      regionCode: s.slice(0, 6),
      isTestNumber: s.startsWith('99'),
    },
  };
}

/** 321302199001011234 → 321302********1234: the address code and the last four, never the birth date. */
export function maskIdNumber(value: string): string {
  return value.length === 18 ? `${value.slice(0, 6)}********${value.slice(-4)}` : '******************';
}

/** 张三 → 张*, 欧阳娜娜 → 欧**娜: the first and (from three characters) the last character. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** A test number (address prefix 99, DESIGN.md §4.2) for a birth date and a sequence; for seeds and factories. */
export function testIdNumber(birthDate: string, seq: number, region = '990101'): string {
  const first17 = `${region}${birthDate.replace(/-/g, '')}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}
