import { defineMessages } from '../lib/i18n';
import { MOBILE_MESSAGES } from './messages';

/**
 * The full personal-data notice for phone sign-in (PIPL art. 17): who handles the number, what is
 * collected and why, how it is kept and for how long, and the member's rights. The retention
 * figures are those of server/features/auth (sessions: 7 days idle, 30 at most; codes: 1 day).
 */
export const t = defineMessages({
  ...MOBILE_MESSAGES,
  'privacy.title': ['个人信息保护告知', 'Personal data notice'],
  'privacy.intro': [
    '本告知适用于在本平台职工服务页面用手机号登录。我们依照《中华人民共和国个人信息保护法》处理你的个人信息，请在同意前仔细阅读。',
    'This notice covers signing in with your phone on these workers’ pages. We handle your personal data under the Personal Information Protection Law of the PRC; please read it before you agree.',
  ],
  'privacy.whoTitle': ['一、谁处理你的信息', '1. Who handles your data'],
  'privacy.who': [
    '本平台由各级工会运营，你的信息由为你提供服务的工会处理。如有疑问、意见或投诉，可拨打全国职工服务热线 12351。',
    'The platform is run by the trade unions; your data is handled by the union that serves you. For questions or complaints, call the national workers’ hotline 12351.',
  ],
  'privacy.whatTitle': ['二、收集什么、为什么', '2. What we collect, and why'],
  'privacy.what': [
    '我们只收集你的手机号码，用于两件事：（1）向该号码发送短信验证码，确认是你本人在登录；（2）登录后查找你本人在工会的记录，例如入会申请和求助诉求的办理进度。验证码短信经电信运营商或短信服务商发送，他们为投递短信而获得该号码。我们不把你的手机号用于营销，也不向其他单位提供。',
    'We collect your mobile number only, for two things: (1) to send a one-time code to it, confirming it is you signing in; (2) once signed in, to find your own records with the union, such as the progress of a membership application or a request for help. The code goes out through a telecom operator or SMS provider, who receives the number to deliver it. We do not use your number for marketing or give it to anyone else.',
  ],
  'privacy.limitsTitle': ['三、防止滥用', '3. Preventing abuse'],
  'privacy.limits': [
    '为防止验证码被滥用，同一手机号每天最多获取 10 次验证码，每次间隔至少 60 秒；验证码输错次数过多即作废。',
    'To prevent abuse, one number gets at most 10 codes a day, at least 60 seconds apart; a code wrongly entered too often stops working.',
  ],
  'privacy.keepTitle': ['四、如何保存、保存多久', '4. How and how long we keep it'],
  'privacy.keep': [
    '手机号加密保存（AES-256），页面上只显示打码后的号码（如 138****8000）。登录记录在你退出登录时立即删除；7 天未使用自动失效，最长保留 30 天，到期后删除。验证码记录在发送 1 天后删除。',
    'Your number is stored encrypted (AES-256) and shown only masked (e.g. 138****8000). The sign-in record is deleted the moment you sign out; it lapses after 7 days unused and is kept 30 days at most, then deleted. Code records are deleted a day after sending.',
  ],
  'privacy.rightsTitle': ['五、你的权利', '5. Your rights'],
  'privacy.rights': [
    '你有权查阅、复制、更正和删除你的个人信息，并可随时撤回同意：在「我的」页面退出登录即删除本次登录记录。行使其他权利，请拨打 12351。',
    'You may see, copy, correct and delete your personal data, and withdraw your consent at any time: signing out on “Me” deletes the sign-in record. For anything else, call 12351.',
  ],
  'privacy.declineTitle': ['六、不同意会怎样', '6. If you do not agree'],
  'privacy.decline': [
    '不同意本告知，将无法用手机号登录；首页、找驿站等无需登录的服务不受影响，你也可以直接拨打 12351 求助。',
    'Without your consent you cannot sign in by phone; the pages that need no sign-in stay open to you, and you can always call 12351 for help.',
  ],
});
