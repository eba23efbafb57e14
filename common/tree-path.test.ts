import { describe, expect, it } from 'vitest';
import { isRootPath, isStrictlyWithin, isWithinPath, parentPath } from './tree-path';

describe('org tree paths', () => {
  it('counts a path within itself and its ancestors, never within a sibling that shares its digits', () => {
    expect(isWithinPath('1.2.5', '1.2.5')).toBe(true);
    expect(isWithinPath('1.2.5', '1.2')).toBe(true);
    expect(isWithinPath('1.2.5', '1')).toBe(true);
    expect(isWithinPath('1.20', '1.2')).toBe(false);
    expect(isWithinPath('1.2', '1.2.5')).toBe(false);
    expect(isWithinPath('12', '1')).toBe(false);
    expect(isWithinPath('3.4', '1')).toBe(false);
  });

  it('tells strictly within from itself', () => {
    expect(isStrictlyWithin('1.2.5', '1.2')).toBe(true);
    expect(isStrictlyWithin('1.2', '1.2')).toBe(false);
    expect(isStrictlyWithin('1.20', '1.2')).toBe(false);
    expect(isStrictlyWithin('1.2', '1.2.5')).toBe(false);
  });

  it('finds the parent and the root', () => {
    expect(parentPath('1.2.5')).toBe('1.2');
    expect(parentPath('1')).toBeNull();
    expect(isRootPath('7')).toBe(true);
    expect(isRootPath('7.8')).toBe(false);
  });
});
