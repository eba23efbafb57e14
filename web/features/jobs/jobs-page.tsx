import { ReloadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Empty,
  Popconfirm,
  Progress,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { CursorTable } from '../../components/cursor-table';
import { formatDateTime } from '../../lib/format';
import { describeError } from '../../lib/http';
import { getLang } from '../../lib/i18n';
import { useCursorList } from '../../lib/use-cursor-list';
import { cancelJob, fetchJob, listJobs, type JobRun, type JobState } from './api';
import { formatDuration, isActive, JOB_NAMES, JOB_STATES, jobName, STATE_COLORS, summariseResult } from './job-labels';
import { t } from './messages';

/** How often the runs still queued or running are asked for again. */
const REFRESH_MS = 2000;

const readState = (v: string | null): JobState | undefined =>
  (JOB_STATES as readonly string[]).includes(v ?? '') ? (v as JobState) : undefined;

/** A run's progress bar with its message (and, while it waits to retry, when). */
function RunProgress({ run }: { run: JobRun }) {
  const status =
    run.state === 'failed'
      ? 'exception'
      : run.state === 'succeeded'
        ? 'success'
        : run.state === 'running'
          ? 'active'
          : 'normal';
  const note =
    run.state === 'queued' && run.attempts > 0
      ? t('jobs.retryAt', { at: formatDateTime(run.run_after) })
      : run.state === 'queued'
        ? t('jobs.waiting')
        : run.state === 'succeeded'
          ? null // the result says how it ended; the last step's message would be stale
          : run.progress_message;
  return (
    <div data-testid="job-progress">
      <Progress percent={run.progress} size="small" status={status} />
      {note && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {note}
        </Typography.Text>
      )}
    </div>
  );
}

/** 后台任务: the runs the account started or oversees, with progress bars that move while they run. */
export function JobsPage() {
  const { message } = App.useApp();
  const lang = getLang();
  const [params, setParams] = useSearchParams();
  const filters = { name: params.get('name') || undefined, state: readState(params.get('state')) };
  const filterKey = `${filters.name ?? ''}|${filters.state ?? ''}`;
  const list = useCursorList<JobRun>(filterKey, (cursor) => listJobs({ ...filters, cursor, limit: 50 }));
  // Fresher copies of runs on the page, by id: the runs still going are asked for again, quietly.
  const [fresh, setFresh] = useState<Record<number, JobRun>>({});
  useEffect(() => setFresh({}), [list.items]);
  const rows = list.items.map((r) => fresh[r.id] ?? r);
  const activeIds = rows
    .filter(isActive)
    .map((r) => r.id)
    .join(',');

  useEffect(() => {
    if (!activeIds) return;
    const timer = setInterval(() => {
      void Promise.all(activeIds.split(',').map((id) => fetchJob(Number(id)).catch(() => null))).then((runs) =>
        setFresh((prev) => ({ ...prev, ...Object.fromEntries(runs.filter((r) => r !== null).map((r) => [r.id, r])) })),
      );
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [activeIds]);

  function setFilter(key: 'name' | 'state', value: string | undefined) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  }

  async function cancel(run: JobRun) {
    try {
      const updated = await cancelJob(run.id);
      setFresh((prev) => ({ ...prev, [updated.id]: updated }));
      message.success(t('jobs.cancelled'));
    } catch (err) {
      message.error(describeError(err));
    }
  }

  const columns: TableColumnsType<JobRun> = [
    {
      title: t('jobs.name'),
      dataIndex: 'name',
      width: 170,
      render: (name: string, run) => (
        <>
          <Tooltip title={name}>
            <div data-testid="job-name">{jobName(name, lang)}</div>
          </Tooltip>
          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: 150 }}>
            {run.org_name ?? t('jobs.wholeDeployment')}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('jobs.state'),
      dataIndex: 'state',
      width: 90,
      render: (state: JobState, run) => (
        <Tooltip
          title={run.max_attempts > 1 ? t('jobs.attempt', { n: run.attempts, max: run.max_attempts }) : undefined}
        >
          <Tag color={STATE_COLORS[state]} data-testid="job-state">
            {t(`state.${state}`)}
          </Tag>
        </Tooltip>
      ),
    },
    { title: t('jobs.progress'), key: 'progress', width: 200, render: (_, run) => <RunProgress run={run} /> },
    { title: t('jobs.startedBy'), dataIndex: 'started_by_label', width: 110, ellipsis: true },
    {
      title: t('jobs.startedAt'),
      dataIndex: 'started_at',
      width: 140,
      render: (at: string | null) => formatDateTime(at),
    },
    {
      title: t('jobs.duration'),
      key: 'duration',
      width: 100,
      render: (_, run) => (
        <Tooltip title={run.finished_at ? `${t('jobs.finishedAt')} ${formatDateTime(run.finished_at)}` : undefined}>
          {formatDuration(run.started_at, run.state === 'running' ? null : run.finished_at, lang)}
        </Tooltip>
      ),
    },
    {
      title: t('jobs.result'),
      key: 'result',
      render: (_, run) => {
        if (run.error && run.state !== 'succeeded')
          return (
            <Typography.Text type="danger" data-testid="job-error">
              {t('jobs.error')}：{run.error}
            </Typography.Text>
          );
        const summary = summariseResult(run.result, lang);
        return summary ? <span data-testid="job-result">{summary}</span> : '—';
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_, run) =>
        run.can_cancel ? (
          <Popconfirm
            title={t('jobs.cancelTitle')}
            description={t('jobs.cancelBody')}
            okText={t('jobs.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => cancel(run)}
          >
            <Button size="small" danger data-testid="job-cancel">
              {t('jobs.cancel')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <Card
      title={t('jobs.title')}
      extra={
        <Space>
          {activeIds && <Typography.Text type="secondary">{t('jobs.autoRefresh')}</Typography.Text>}
          <Button icon={<ReloadOutlined />} onClick={list.reload} data-testid="jobs-refresh">
            {t('jobs.refresh')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('jobs.hint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          value={filters.name}
          allowClear
          placeholder={t('jobs.namePlaceholder')}
          options={Object.keys(JOB_NAMES).map((code) => ({ value: code, label: jobName(code, lang) }))}
          onChange={(name?: string) => setFilter('name', name)}
          style={{ width: 200 }}
          data-testid="jobs-name-filter"
        />
        <Select
          value={filters.state}
          allowClear
          placeholder={t('jobs.statePlaceholder')}
          options={JOB_STATES.map((s) => ({ value: s, label: t(`state.${s}`) }))}
          onChange={(state?: string) => setFilter('state', state)}
          style={{ width: 140 }}
          data-testid="jobs-state-filter"
        />
      </Space>
      <CursorTable<JobRun>
        list={list}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 1060 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('jobs.empty')} /> }}
        data-testid="jobs-table"
      />
    </Card>
  );
}
