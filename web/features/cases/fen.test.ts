import { describe, expect, it } from 'vitest';
import { yuanToFen } from './fen';

describe('yuanToFen', () => {
  it('turns 元 into integer 分 without floating-point error', () => {
    expect(yuanToFen('12000')).toBe(1_200_000);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('1.15')).toBe(115); // 1.15 * 100 is 114.99999999999999 in floating point
    expect(yuanToFen('3,500.5')).toBe(350_050);
    expect(yuanToFen('１２３')).toBe(12_300);
    expect(yuanToFen('8.')).toBe(800);
  });

  it('refuses what is not an amount of at most two decimals', () => {
    for (const bad of ['', 'abc', '1.234', '-5', '1e5', '12.3.4']) expect(yuanToFen(bad)).toBeNull();
  });
});
