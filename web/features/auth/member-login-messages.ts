import { defineMessages } from '../../lib/i18n';

/**
 * A member's phone sign-in on the H5, and the phone and code fields 码上入会 shares with it
 * (phone-code-fields.tsx). The console's sign-in words stay in ./messages.ts.
 */
export const t = defineMessages({
  'memberLogin.phoneLogin': ['手机号登录', 'Sign in with your phone'],
  'memberLogin.phonePlaceholder': ['请输入手机号', 'Mobile number'],
  'memberLogin.notice': [
    '登录需要你的手机号，用于发送验证码确认本人，并查找你本人在工会的记录（入会、求助进度）。手机号加密保存，退出登录即删除，最长保留 30 天。',
    'Signing in takes your mobile number: to text you a code that confirms it is you, and to find your own records with the union (membership, requests for help). It is stored encrypted, deleted when you sign out, and kept 30 days at most.',
  ],
  'memberLogin.noticeLink': ['《个人信息保护告知》', 'Personal data notice'],
  'memberLogin.noticeMore': ['详见', ' See the '],
  'memberLogin.consent': ['我已阅读并同意上述告知', 'I have read and agree to this notice'],
  'memberLogin.consentRequired': ['请先阅读并勾选同意个人信息保护告知', 'Read the notice and tick to agree first'],
  'memberLogin.otpPlaceholder': ['请输入短信验证码', 'Code from the SMS'],
  'memberLogin.otpSpentHint': [
    '错误次数过多，这个验证码已失效。请重新获取验证码。',
    'Too many wrong tries: this code no longer works. Get a new code.',
  ],
  'memberLogin.otpInvalidHint': [
    '验证码错误或已过期。请核对后重试，或重新获取验证码。',
    'The code is wrong or has expired. Check it and try again, or get a new code.',
  ],
  'memberLogin.codeSent': ['验证码已发送', 'Code sent'],
  'memberLogin.loggedIn': ['登录成功', 'Signed in'],
  'memberLogin.login': ['登录', 'Sign in'],
  'phoneCode.phone': ['手机号', 'Mobile number'],
  'phoneCode.phoneRequired': ['请输入手机号', 'Enter your mobile number'],
  'phoneCode.phoneFormat': ['请输入正确的 11 位手机号', 'Enter a valid 11-digit mobile number'],
  'phoneCode.otp': ['验证码', 'Code'],
  'phoneCode.otpRequired': ['请输入验证码', 'Enter the code'],
  'phoneCode.otpFormat': ['验证码为数字', 'The code is digits'],
  'phoneCode.sendCode': ['获取验证码', 'Get code'],
  'phoneCode.resendIn': ['{n} 秒后重发', 'Resend in {n}s'],
  'phoneCode.resendCode': ['重新获取验证码', 'Get a new code'],
  'phoneCode.devCode': ['演示模式验证码：{code}', 'Demo code: {code}'],
});
