import type { FormRule } from 'antd';
import { checkPassword, type PasswordProfile } from '../../../common/password-policy';
import { t } from './messages';

/** The deployment's password policy as form rules, so a weak password is named before submit. */
export function passwordRules(profile: PasswordProfile, username?: () => string | undefined): FormRule[] {
  return [
    { required: true, message: t('auth.passwordRequired') },
    {
      validator: async (_, value: string | undefined) => {
        const problem = value ? checkPassword(profile, value, username?.()) : null;
        if (problem) throw new Error(problem);
      },
    },
  ];
}

const CLASSES = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '!@#$%^&*-_=+?'];

/** A 16-character password with every character class, for a first sign-in that must change it. */
export function generatePassword(): string {
  const all = CLASSES.join('');
  const random = (n: number) => crypto.getRandomValues(new Uint32Array(1))[0]! % n;
  const chars = CLASSES.map((set) => set[random(set.length)]!);
  while (chars.length < 16) chars.push(all[random(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
