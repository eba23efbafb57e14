import { describe, expect, it } from 'vitest';
import { checkPassword, isPasswordExpired } from './password-policy';

describe('password policy profiles', () => {
  it('mlps3 wants 8 characters of 3 classes', () => {
    expect(checkPassword('mlps3', 'Ab1!')).toMatch(/至少需要 8/);
    expect(checkPassword('mlps3', 'abcdefgh1')).toMatch(/至少 3 类/);
    expect(checkPassword('mlps3', 'Abcdefg1')).toBeNull();
    expect(checkPassword('mlps3', 'abcdefg1!')).toBeNull();
  });

  it('asvs wants 12 characters and no composition rule', () => {
    expect(checkPassword('asvs', 'Abcdefg1!')).toMatch(/至少需要 12/);
    expect(checkPassword('asvs', 'correct horse battery')).toBeNull();
  });

  it('refuses a password containing the username, and over-long ones', () => {
    expect(checkPassword('mlps3', 'Sucheng@2026', 'sucheng')).toMatch(/用户名/);
    expect(checkPassword('asvs', 'a'.repeat(129))).toMatch(/不能超过/);
  });

  it('mlps3 passwords expire after 90 days; asvs ones never', () => {
    const now = new Date('2026-11-22T00:00:00Z');
    expect(isPasswordExpired('mlps3', new Date('2026-08-23T23:00:00Z'), now)).toBe(true);
    expect(isPasswordExpired('mlps3', new Date('2026-08-25T00:00:00Z'), now)).toBe(false);
    expect(isPasswordExpired('asvs', new Date('2020-01-01T00:00:00Z'), now)).toBe(false);
  });
});
