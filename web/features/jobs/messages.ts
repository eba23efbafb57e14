import { defineMessages } from '../../lib/i18n';
import { CONSOLE_MESSAGES } from '../../components/messages';

/** 后台任务: the runs' table. */
export const t = defineMessages({
  ...CONSOLE_MESSAGES,
  'jobs.title': ['后台任务', 'Background jobs'],
  'jobs.hint': [
    '定时任务和导入等耗时操作在后台运行；这里列出你发起的任务，以及你有权查看的组织的任务。',
    'Scheduled work and long operations such as imports run in the background: your own runs, and those of the orgs you oversee.',
  ],
  'jobs.name': ['任务', 'Job'],
  'jobs.namePlaceholder': ['全部任务', 'All jobs'],
  'jobs.state': ['状态', 'State'],
  'jobs.statePlaceholder': ['全部状态', 'All states'],
  'jobs.progress': ['进度', 'Progress'],
  'jobs.startedBy': ['发起人', 'Started by'],
  'jobs.org': ['组织', 'Org'],
  'jobs.wholeDeployment': ['全系统', 'Whole deployment'],
  'jobs.startedAt': ['开始时间', 'Started'],
  'jobs.finishedAt': ['结束时间', 'Finished'],
  'jobs.duration': ['耗时', 'Duration'],
  'jobs.result': ['结果', 'Result'],
  'jobs.error': ['失败原因', 'Failure'],
  'jobs.attempt': ['第 {n}/{max} 次尝试', 'Attempt {n} of {max}'],
  'jobs.retryAt': ['将于 {at} 重试', 'Retries at {at}'],
  'jobs.waiting': ['等待开始', 'Waiting to start'],
  'jobs.cancel': ['取消', 'Cancel'],
  'jobs.cancelTitle': ['取消这个任务？', 'Cancel this job?'],
  'jobs.cancelBody': [
    '排队中的任务不会再开始；运行中的任务会在下一个安全点停止。',
    'A queued run will not start; a running one stops at its next safe point.',
  ],
  'jobs.cancelled': ['已取消', 'Cancelled'],
  'jobs.refresh': ['刷新', 'Refresh'],
  'jobs.autoRefresh': ['有任务在运行，自动刷新中', 'Refreshing while jobs run'],
  'jobs.empty': ['没有任务记录', 'No job runs'],
  'state.queued': ['排队中', 'Queued'],
  'state.running': ['运行中', 'Running'],
  'state.succeeded': ['已完成', 'Succeeded'],
  'state.failed': ['失败', 'Failed'],
  'state.cancelled': ['已取消', 'Cancelled'],
});
