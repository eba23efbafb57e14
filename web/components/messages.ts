import { defineMessages } from '../lib/i18n';
import { COMMON_MESSAGES } from '../lib/messages';

/** The console's everyday words, shared by its components and features (zh-CN, then English). */
export const CONSOLE_MESSAGES = {
  ...COMMON_MESSAGES,
  'common.loadMore': ['加载更多', 'Load more'],
  'common.save': ['保存', 'Save'],
  'common.saved': ['已保存', 'Saved'],
  'common.create': ['创建', 'Create'],
  'common.edit': ['编辑', 'Edit'],
  'common.change': ['更改', 'Change'],
  'common.remove': ['移除', 'Remove'],
  'common.details': ['详情', 'Details'],
  'common.actions': ['操作', 'Actions'],
  'common.empty': ['暂无数据', 'Nothing here'],
  'common.clearFilters': ['清除筛选', 'Clear filters'],
  'common.pageNotFound': ['页面不存在', 'Page not found'],
  'demo.bannerAdmin': [
    '演示模式：数据均为虚构，请勿录入真实个人信息。',
    'Demo mode: all data is fictitious; do not enter real personal data.',
  ],
} as const;

export const t = defineMessages(CONSOLE_MESSAGES);
