import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maskIdNumber, maskName, normaliseIdNumber, parseIdNumber, testIdNumber } from './id-number';

const TODAY = '2026-12-01';

describe('parseIdNumber', () => {
  it('accepts a valid 18-digit number and derives birth date, gender and region', () => {
    // GB 11643's own example number.
    const r = parseIdNumber('11010519491231002X', TODAY);
    expect(r).toEqual({
      ok: true,
      id: {
        value: '11010519491231002X',
        birthDate: '1949-12-31',
        birthYear: 1949,
        gender: 'F',
        regionCode: '110105',
        isTestNumber: false,
      },
    });
  });

  it('normalises full-width digits, a lower-case x and spaces', () => {
    expect(normaliseIdNumber(' １１０１０５ 19491231002ｘ ')).toBe('11010519491231002X');
    expect(parseIdNumber('11010519491231002x', TODAY).ok).toBe(true);
  });

  it('converts the 15-digit legacy form to 18 digits with its check character', () => {
    const r = parseIdNumber('110105491231002', TODAY);
    expect(r.ok && r.id.value).toBe('11010519491231002X');
  });

  it('refuses a wrong check character, an impossible date, a future date and a 17-digit number', () => {
    expect(parseIdNumber('110105194912310021', TODAY)).toEqual({
      ok: false,
      message: expect.stringContaining('校验位'),
    });
    expect(parseIdNumber(testIdNumber('2023-02-29', 1), TODAY)).toEqual({
      ok: false,
      message: expect.stringContaining('出生日期'),
    });
    expect(parseIdNumber(testIdNumber('2027-01-01', 1), TODAY)).toEqual({
      ok: false,
      message: expect.stringContaining('出生日期'),
    });
    expect(parseIdNumber('11010519491231002', TODAY)).toEqual({ ok: false, message: expect.stringContaining('18 位') });
  });

  it('accepts the test prefix 99 and says it is a test number', () => {
    const r = parseIdNumber(testIdNumber('1990-05-17', 42), TODAY);
    expect(r.ok && r.id.isTestNumber).toBe(true);
    expect(r.ok && r.id.gender).toBe('F'); // sequence 042: even
  });

  it('any single changed digit breaks the check (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (seq, pos, delta) => {
          const id = testIdNumber('1988-08-08', seq);
          const digit = (Number(id[pos]) + delta) % 10;
          const changed = id.slice(0, pos) + digit + id.slice(pos + 1);
          return !parseIdNumber(changed, TODAY).ok;
        },
      ),
    );
  });
});

describe('masking', () => {
  it('keeps the address code and the last four of a number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
  it('keeps the first and the last character of a name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('李')).toBe('*');
  });
});
