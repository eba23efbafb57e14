/**
 * Password policy profiles. `mlps3` follows 等保 2.0 level 3 practice (length, character
 * classes, periodic change); `asvs` follows OWASP ASVS 4 (length over composition, no
 * forced rotation).
 */
export const PASSWORD_PROFILES = ['mlps3', 'asvs'] as const;
export type PasswordProfile = (typeof PASSWORD_PROFILES)[number];

interface ProfileRules {
  minLength: number;
  minClasses: number;
  maxAgeDays: number | null;
}

const RULES: Record<PasswordProfile, ProfileRules> = {
  mlps3: { minLength: 8, minClasses: 3, maxAgeDays: 90 },
  asvs: { minLength: 12, minClasses: 1, maxAgeDays: null },
};

const MAX_LENGTH = 128;

/** Returns a Chinese message saying what is wrong, or null when the password passes. */
export function checkPassword(profile: PasswordProfile, password: string, username?: string): string | null {
  const rules = RULES[profile];
  if (password.length < rules.minLength) return `密码至少需要 ${rules.minLength} 个字符`;
  if (password.length > MAX_LENGTH) return `密码不能超过 ${MAX_LENGTH} 个字符`;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < rules.minClasses) return `密码需包含大写字母、小写字母、数字、符号中的至少 ${rules.minClasses} 类`;
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}

/** Whether a password set at `changedAt` must be changed now under the profile. */
export function isPasswordExpired(profile: PasswordProfile, changedAt: Date, now: Date): boolean {
  const maxAge = RULES[profile].maxAgeDays;
  if (maxAge === null) return false;
  return now.getTime() - changedAt.getTime() > maxAge * 86_400_000;
}
