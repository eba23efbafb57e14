import { defineMessages } from '../../lib/i18n';
import { CONSOLE_MESSAGES } from '../../components/messages';

/** 审计日志: the filters and the table. */
export const t = defineMessages({
  ...CONSOLE_MESSAGES,
  'audit.title': ['审计日志', 'Audit log'],
  'audit.at': ['时间', 'Time'],
  'audit.actor': ['操作人', 'Actor'],
  'audit.action': ['动作', 'Action'],
  'audit.actionPlaceholder': ['全部动作', 'All actions'],
  'audit.entity': ['对象', 'Record'],
  'audit.entityTypePlaceholder': ['全部对象', 'All records'],
  'audit.reason': ['原因', 'Reason'],
  'audit.ip': ['IP', 'IP'],
  'audit.from': ['开始日期', 'From'],
  'audit.to': ['结束日期', 'To'],
});
