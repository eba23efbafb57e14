import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import { decodeCursor, encodeCursor } from './pagination';

const fieldsOf = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return err instanceof AppError ? { code: err.code, fields: err.fields } : err;
  }
  return 'no error';
};
const refused = { code: 'validation_failed', fields: { cursor: '分页游标无效' } };

describe('typed cursors', () => {
  it('gives back what was encoded', () => {
    expect(decodeCursor(encodeCursor(['zhang', 7]), ['string', 'int'])).toEqual(['zhang', 7]);
    expect(decodeCursor(encodeCursor([9_007_199_254_740_991]), ['bigint'])).toEqual([9_007_199_254_740_991]);
    expect(decodeCursor(encodeCursor(['2026-11-29T08:00:00.000Z']), ['timestamp'])).toEqual([
      '2026-11-29T08:00:00.000Z',
    ]);
    expect(decodeCursor(undefined, ['int'])).toBeUndefined();
  });

  it('refuses a forged key element by element, naming the cursor', () => {
    const forged: Array<[unknown[], Parameters<typeof decodeCursor>[1]]> = [
      [
        ['a', 'abc'],
        ['string', 'int'],
      ],
      [['abc'], ['bigint']],
      [[1.5], ['int']],
      [[2_147_483_648], ['int']],
      [[2 ** 53], ['bigint']],
      [
        [null, 1],
        ['string', 'int'],
      ],
      [
        ['a\u0000b', 1],
        ['string', 'int'],
      ],
      [
        ['\ud800', 1],
        ['string', 'int'],
      ],
      [['0000-02-29T25:00:00Z'], ['timestamp']],
      [
        ['a', 1, 2],
        ['string', 'int'],
      ],
      [[{}], ['string']],
    ];
    for (const [key, kinds] of forged)
      expect(
        fieldsOf(() => decodeCursor(encodeCursor(key), kinds)),
        JSON.stringify(key),
      ).toEqual(refused);
    expect(fieldsOf(() => decodeCursor('garbage', ['int']))).toEqual(refused);
  });
});
