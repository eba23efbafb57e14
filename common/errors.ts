/**
 * The closed list of error codes the API answers with. Services throw `AppError(code)`;
 * `server/http/errors.ts` alone maps a code to an HTTP status. Messages are zh-CN first.
 */
export const ERROR_CODES = {
  validation_failed: { zh: '提交的内容有误，请检查标出的字段', en: 'Some fields are invalid' },
  malformed_json: { zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  bad_request: { zh: '请求无效', en: 'The request is invalid' },
  unsupported_media_type: { zh: '请求内容类型应为 application/json', en: 'The request body must be application/json' },
  not_found: { zh: '记录不存在', en: 'Not found' },
  unauthenticated: { zh: '请先登录', en: 'Please sign in' },
  session_expired: { zh: '登录已过期，请重新登录', en: 'Your session has expired' },
  forbidden: { zh: '没有执行此操作的权限', en: 'You may not do this' },
  cross_site_request: {
    zh: '无法确认请求来自本系统页面，已拒绝；请刷新页面后重试',
    en: "The request did not come from this site's own pages; reload the page and try again",
  },
  restricted_session: {
    zh: '请先完成账号安全设置（修改密码或绑定动态口令）',
    en: 'Finish your account security set-up first',
  },
  invalid_credentials: { zh: '用户名或密码错误', en: 'Wrong username or password' },
  account_locked: {
    zh: '该账号登录失败次数过多，已锁定 30 分钟；可请管理员解除锁定',
    en: 'Too many failed sign-ins for this account; locked for 30 minutes, or ask an administrator to unlock it',
  },
  address_locked: {
    zh: '此网络地址登录失败次数过多，请 30 分钟后再试',
    en: 'Too many failed sign-ins from this network address; try again in 30 minutes',
  },
  totp_required: { zh: '请输入动态口令', en: 'Enter your one-time password' },
  totp_invalid: { zh: '动态口令错误', en: 'Wrong one-time password' },
  totp_already_enabled: {
    zh: '已绑定动态口令；如需更换手机，请联系管理员重置动态口令',
    en: 'TOTP is already set up; ask an administrator to reset it to change devices',
  },
  password_policy: { zh: '密码不符合安全策略', en: 'The password does not meet the policy' },
  otp_invalid: { zh: '验证码错误或已过期', en: 'The code is wrong or has expired' },
  otp_exhausted: {
    zh: '验证码错误次数过多，已失效，请重新获取',
    en: 'Too many wrong tries: the code no longer works; get a new one',
  },
  otp_too_frequent: { zh: '验证码发送过于频繁，请稍后再试', en: 'Codes were requested too often; wait a moment' },
  otp_address_limited: {
    zh: '当前网络验证码错误次数过多，请 10 分钟后再试或换用手机流量',
    en: 'Too many wrong codes from this network; try again in 10 minutes or use mobile data',
  },
  rate_limited: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; slow down' },
  conflict: { zh: '与现有记录冲突', en: 'Conflicts with an existing record' },
  org_cycle: { zh: '不能把组织移到它自己或它的下级之下', en: 'An org cannot move under itself or its descendants' },
  org_has_active_children: { zh: '该组织还有未撤销的下级组织', en: 'The org still has active child orgs' },
  org_is_root: { zh: '根组织不能移动或撤销', en: 'The root org cannot be moved or deactivated' },
  org_inactive: { zh: '该组织已撤销', en: 'The org is inactive' },
  username_taken: { zh: '用户名已被使用', en: 'The username is taken' },
  already_member: {
    zh: '该身份证号已是工会会员；如已换工作或城市，请办理会籍接转',
    en: 'This ID number is already a member; to change unions, request a transfer',
  },
  application_pending: {
    zh: '该身份证号已有待审核的入会申请，请查询申请进度',
    en: 'This ID number already has a join application under review',
  },
  transfer_pending: { zh: '该会员已有办理中的会籍接转', en: 'The member already has a transfer in progress' },
  stale_version: {
    zh: '该记录已被他人修改，请刷新后重试',
    en: 'Someone else changed this record; reload it and try again',
  },
  idempotency_key_reused: {
    zh: '该幂等键已用于另一个不同的请求',
    en: 'The Idempotency-Key was used for a different request',
  },
  idempotency_in_progress: { zh: '相同的请求正在处理中', en: 'The same request is still being processed' },
  case_transition: {
    zh: '工单当前的状态不能执行此操作，请刷新后查看',
    en: "The case's current status does not allow this step",
  },
  case_deadline_passed: {
    zh: '已超过办理期限，不能再申请延期',
    en: 'The deadline has passed: no extension can be asked',
  },
  case_already_rated: { zh: '该工单已评价过，不能重复评价', en: 'The case has already been rated' },
  payload_too_large: { zh: '提交的内容过大', en: 'The request is too large' },
  internal: { zh: '服务器内部错误，请稍后再试', en: 'Internal error' },
  unavailable: { zh: '服务暂时不可用，请稍后再试', en: 'The service is unavailable; try again later' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Field name → a Chinese message naming what is wrong with it. */
export type FieldErrors = Record<string, string>;

/** The one error type services throw. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly fields?: FieldErrors,
    message?: string,
  ) {
    super(message ?? ERROR_CODES[code].zh);
    this.name = 'AppError';
  }
}

/** The body every error answers with (DESIGN.md §5). */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldErrors };
}
