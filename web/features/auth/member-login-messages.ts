import { defineMessages } from '../../lib/i18n';

/** A member's phone sign-in on the H5 (the console's sign-in words stay in ./messages.ts). */
export const t = defineMessages({
  'memberLogin.phoneLogin': ['手机号登录', 'Sign in with your phone'],
  'memberLogin.phone': ['手机号', 'Phone'],
  'memberLogin.phonePlaceholder': ['请输入手机号', 'Mobile number'],
  'memberLogin.phoneRequired': ['请输入手机号', 'Enter your mobile number'],
  'memberLogin.phoneFormat': ['请输入正确的 11 位手机号', 'Enter a valid 11-digit mobile number'],
  'memberLogin.otp': ['验证码', 'Code'],
  'memberLogin.otpPlaceholder': ['请输入短信验证码', 'Code from the SMS'],
  'memberLogin.otpRequired': ['请输入验证码', 'Enter the code'],
  'memberLogin.otpFormat': ['验证码为数字', 'The code is digits'],
  'memberLogin.sendCode': ['获取验证码', 'Get code'],
  'memberLogin.resendIn': ['{n} 秒后重发', 'Resend in {n}s'],
  'memberLogin.resendCode': ['重新获取验证码', 'Get a new code'],
  'memberLogin.otpSpentHint': [
    '错误次数过多，这个验证码已失效。请重新获取验证码。',
    'Too many wrong tries: this code no longer works. Get a new code.',
  ],
  'memberLogin.otpInvalidHint': [
    '验证码错误或已过期。请核对后重试，或重新获取验证码。',
    'The code is wrong or has expired. Check it and try again, or get a new code.',
  ],
  'memberLogin.codeSent': ['验证码已发送', 'Code sent'],
  'memberLogin.devCode': ['演示模式验证码：{code}', 'Demo code: {code}'],
  'memberLogin.loggedIn': ['登录成功', 'Signed in'],
  'memberLogin.login': ['登录', 'Sign in'],
});
