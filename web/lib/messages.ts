/**
 * The few words both shells use. Everything else belongs to the feature or shell that shows it
 * (web/features/<f>/messages.ts, web/admin/messages.ts, web/m/messages.ts): this file is in the
 * H5's first load, so a word added here costs every phone. The server's error messages arrive in
 * Chinese (lib/http.ts swaps in common/errors.ts's English when the UI is in English).
 */
export const COMMON_MESSAGES = {
  'common.retry': ['重试', 'Retry'],
  'common.cancel': ['取消', 'Cancel'],
} as const;
