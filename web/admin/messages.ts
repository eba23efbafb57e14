import { defineMessages } from '../lib/i18n';
import { CONSOLE_MESSAGES } from '../components/messages';

/** The console shell's words: title, menu, header. */
export const t = defineMessages({
  ...CONSOLE_MESSAGES,
  'admin.title': ['工会服务平台 · 管理后台', 'Gonghui · Console'],
  'admin.brand': ['工会服务平台', 'Gonghui'],
  'admin.orgSwitcher': ['切换管理范围', 'Switch org'],
  'admin.pageLoadFailed': ['页面加载失败，请检查网络后重试', 'The page did not load; check the network and retry'],
  'admin.noGrants': [
    '你的账号还没有任何授权，请联系上级工会管理员。',
    'Your account has no grants yet; ask an administrator.',
  ],
  'admin.noAccess': ['无权访问', 'No access'],
  'admin.noAccessHint': [
    '你的账号没有使用「{section}」的权限。如需使用，请联系上级工会管理员授权。',
    'Your account has no permission for “{section}”. Ask an administrator for a grant.',
  ],
  'admin.backHome': ['返回首页', 'Back to the start'],
  'nav.orgs': ['组织架构', 'Organisations'],
  'nav.accounts': ['账号与授权', 'Accounts & grants'],
  'nav.members': ['会员管理', 'Members'],
  'nav.joins': ['入会审核', 'Join review'],
  'nav.transfers': ['会籍接转', 'Membership transfers'],
  'nav.stations': ['驿站管理', 'Rest stations'],
  'nav.audit': ['审计日志', 'Audit log'],
  'nav.calendar': ['工作日历', 'Working calendar'],
  'nav.jobs': ['后台任务', 'Background jobs'],
  'nav.cards': ['会员卡核验', 'Verify member cards'],
  'nav.stationVisits': ['驿站服务统计', 'Station visits'],
  'nav.stationProblems': ['驿站问题', 'Station problems'],
  'nav.coverage': ['覆盖分析', 'Coverage'],
  'nav.cases': ['工单办理', 'Cases'],
  'nav.caseFigures': ['工单统计', 'Case figures'],
  'nav.caseSettings': ['工单设置', 'Case settings'],
  'nav.caseIntake': ['新建工单', 'New case'],
  'nav.caseAnswers': ['知识库', 'Knowledge base'],
  'admin.menu': ['菜单', 'Menu'],
  'admin.logout': ['退出登录', 'Sign out'],
});
