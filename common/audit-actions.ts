/** Every audit action the server records, with its label (the audit view shows these). */
export const AUDIT_ACTIONS = {
  'auth.login': { zh: '登录', en: 'Signed in' },
  'auth.login_failed': { zh: '登录失败', en: 'Sign-in failed' },
  'auth.login_locked': { zh: '登录被锁定', en: 'Sign-in locked' },
  'auth.logout': { zh: '退出登录', en: 'Signed out' },
  'auth.member_login': { zh: '职工手机号登录', en: 'Member signed in' },
  'auth.member_login_failed': { zh: '职工手机号登录失败', en: 'Member sign-in failed' },
  'auth.member_logout': { zh: '职工退出登录', en: 'Member signed out' },
  'auth.otp_sent': { zh: '发送短信验证码', en: 'One-time code sent' },
  'auth.password_change_failed': { zh: '修改密码失败', en: 'Password change refused' },
  'account.created': { zh: '新建账号', en: 'Account created' },
  'account.updated': { zh: '编辑账号', en: 'Account edited' },
  'account.disabled': { zh: '停用账号', en: 'Account disabled' },
  'account.enabled': { zh: '启用账号', en: 'Account enabled' },
  'account.password_changed': { zh: '修改密码', en: 'Password changed' },
  'account.password_reset': { zh: '重置密码', en: 'Password reset' },
  'account.totp_setup_started': { zh: '开始绑定动态口令', en: 'TOTP set-up started' },
  'account.totp_enabled': { zh: '绑定动态口令', en: 'TOTP enabled' },
  'account.totp_reset': { zh: '重置动态口令', en: 'TOTP reset' },
  'account.unlocked': { zh: '解除登录锁定', en: 'Sign-in lock lifted' },
  'grant.added': { zh: '授权', en: 'Role granted' },
  'grant.removed': { zh: '撤销授权', en: 'Grant removed' },
  'role.created': { zh: '新建角色', en: 'Role created' },
  'role.updated': { zh: '编辑角色', en: 'Role edited' },
  'org.created': { zh: '新建组织', en: 'Org created' },
  'org.updated': { zh: '编辑组织', en: 'Org edited' },
  'org.moved': { zh: '移动组织（移入）', en: 'Org moved (arrived)' },
  'org.moved_away': { zh: '移动组织（移出）', en: 'Org moved (left)' },
  'org.deactivated': { zh: '撤销组织', en: 'Org deactivated' },
  'org.activated': { zh: '恢复组织', en: 'Org reactivated' },
  'deployment.bootstrapped': { zh: '系统初始化', en: 'Deployment set up' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const AUDIT_ENTITY_TYPES = {
  org: { zh: '组织', en: 'Org' },
  account: { zh: '账号', en: 'Account' },
  role: { zh: '角色', en: 'Role' },
} as const satisfies Record<string, { zh: string; en: string }>;
