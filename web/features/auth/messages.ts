import { defineMessages } from '../../lib/i18n';
import { CONSOLE_MESSAGES } from '../../components/messages';

/** Console sign-in, password change and TOTP enrolment. */
export const t = defineMessages({
  ...CONSOLE_MESSAGES,
  'auth.brand': ['工会服务平台', 'Gonghui'],
  'auth.loginTitle': ['登录管理后台', 'Sign in'],
  'auth.serviceDown': [
    '暂时连不上服务器，可稍后重试；登录时会再次尝试。',
    'The server cannot be reached right now; signing in will try again.',
  ],
  'auth.username': ['用户名', 'Username'],
  'auth.usernameRequired': ['请输入用户名', 'Enter your username'],
  'auth.password': ['密码', 'Password'],
  'auth.passwordRequired': ['请输入密码', 'Enter the password'],
  'auth.totp': ['动态口令', 'One-time password'],
  'auth.totpHint': [
    '打开身份验证器应用，输入显示的 6 位数字。',
    'Open your authenticator app and enter the 6 digits it shows.',
  ],
  'auth.totpFormat': ['请输入 6 位数字', 'Enter 6 digits'],
  'auth.login': ['登录', 'Sign in'],
  'auth.logout': ['退出登录', 'Sign out'],
  'auth.backToPassword': ['返回重新输入账号密码', 'Back to username and password'],
  'auth.changePasswordTitle': ['修改密码', 'Change password'],
  'auth.changePasswordWhy': [
    '为保障账号安全，请先修改密码后再使用系统。',
    'For your account’s safety, change your password before going on.',
  ],
  'auth.currentPassword': ['当前密码', 'Current password'],
  'auth.newPassword': ['新密码', 'New password'],
  'auth.confirmPassword': ['确认新密码', 'Confirm new password'],
  'auth.passwordMismatch': ['两次输入的密码不一致', 'The passwords do not match'],
  'auth.changePassword': ['修改密码', 'Change password'],
  'auth.passwordChanged': ['密码已修改', 'Password changed'],
  'auth.totpTitle': ['绑定动态口令', 'Set up a one-time password'],
  'auth.totpWhy': [
    '{name}，你的账号须启用动态口令（双因素认证）。请在手机上的身份验证器应用（如 Microsoft Authenticator、Google Authenticator、FreeOTP）中手动添加以下密钥，然后输入应用显示的 6 位数字。',
    '{name}, your account needs a second factor. Add this key to an authenticator app on your phone, then enter the 6 digits it shows.',
  ],
  'auth.totpSecret': ['密钥：', 'Key:'],
  'auth.totpUrl': [
    '或复制以下链接到支持 otpauth 的应用：',
    'Or paste this link into an app that accepts otpauth links:',
  ],
  'auth.totpConfirm': ['验证并启用', 'Verify and turn on'],
  'auth.totpEnrolled': ['动态口令已启用', 'One-time passwords are on'],
});
