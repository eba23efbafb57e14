import { describe, expect, it } from 'vitest';
import { findBadText, hasBadText } from './validation';

describe('text no column can store', () => {
  it('finds a NUL and a lone surrogate, but not a pair', () => {
    expect(hasBadText('a\u0000b')).toBe(true);
    expect(hasBadText('a\ud800')).toBe(true);
    expect(hasBadText('\udc00a')).toBe(true);
    expect(hasBadText('\udc00\ud800')).toBe(true);
    expect(hasBadText('宿城区𠀀工会😀')).toBe(false);
  });

  it('names the field as validation errors do, nested fields with dots', () => {
    expect(findBadText({ name: 'ok', grants: [{ role: 'ok' }, { role: 'x\u0000' }] })).toBe('grants.1.role');
    expect(findBadText({ 'na\u0000me': 'ok' })).toBe('na\u0000me');
    expect(findBadText({ n: 1, b: true, z: null, s: '工会' })).toBeNull();
    expect(findBadText(undefined)).toBeNull();
  });
});
