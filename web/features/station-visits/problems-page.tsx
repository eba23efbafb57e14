import { App, Button, Card, Form, Image, Input, Modal, Segmented, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import {
  nextProblemStatuses,
  PROBLEM_KINDS,
  PROBLEM_STATUSES,
  STATUS_NOTE_MAX,
  type ProblemStatus,
} from '../../../common/station-visits';
import { CursorTable } from '../../components/cursor-table';
import { formatDateTime } from '../../lib/format';
import { asApiError, describeError, type ApiError } from '../../lib/http';
import { useCursorList } from '../../lib/use-cursor-list';
import { listProblems, setProblemStatus, type Problem } from './api';
import { t } from './messages';
import { StationPicker } from './station-picker';

const STATUS_COLORS: Record<ProblemStatus, string> = {
  open: 'error',
  in_progress: 'processing',
  resolved: 'success',
  dismissed: 'default',
};

type Filter = ProblemStatus | 'all';

/** 驿站问题: problems reported at the stations the account keeps or manages; the keeper and the union move them on. */
export function ProblemsPage() {
  const { message } = App.useApp();
  const [status, setStatus] = useState<Filter>('open');
  const [stationId, setStationId] = useState<number | undefined>();
  const [moving, setMoving] = useState<{ problem: Problem; to: ProblemStatus } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const list = useCursorList<Problem>(`${status}|${stationId ?? ''}`, (cursor) =>
    listProblems({
      ...(status === 'all' ? {} : { status }),
      ...(stationId ? { station_id: stationId } : {}),
      cursor,
      limit: 30,
    }),
  );

  const columns: TableColumnsType<Problem> = [
    {
      title: t('visits.station'),
      width: 200,
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          <span>{row.station_name}</span>
          <Typography.Text type="secondary">{row.org_name}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('visits.kind'),
      width: 150,
      render: (_, row) => <Tag>{PROBLEM_KINDS[row.kind].replace(/（.*）/, '')}</Tag>,
    },
    {
      title: t('visits.description'),
      render: (_, row) => (
        <Space orientation="vertical" size={4}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{row.description}</span>
          {row.photos.length > 0 && (
            <Image.PreviewGroup>
              <Space size={4}>
                {row.photos.map((p) => (
                  <Image key={p.id} src={p.thumb_url ?? p.url} preview={{ src: p.url }} width={48} height={48} />
                ))}
              </Space>
            </Image.PreviewGroup>
          )}
        </Space>
      ),
    },
    {
      title: t('visits.contact'),
      width: 140,
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          <span>{row.contact_phone_masked ?? '—'}</span>
          <Typography.Text type="secondary">
            {row.signed_in ? t('visits.signedIn') : t('visits.anonymous')}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('visits.reportedAt'), width: 150, render: (_, row) => formatDateTime(row.created_at) },
    {
      title: t('visits.status'),
      width: 160,
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          <Tag color={STATUS_COLORS[row.status]} data-testid={`problem-status-${row.id}`}>
            {PROBLEM_STATUSES[row.status]}
          </Tag>
          {row.status_note && <Typography.Text type="secondary">{row.status_note}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('visits.actions'),
      width: 150,
      fixed: 'right',
      render: (_, row) => (
        <Space orientation="vertical" size={4}>
          {nextProblemStatuses(row.status).map((to) => (
            <Button
              key={to}
              size="small"
              type={to === 'resolved' ? 'primary' : 'default'}
              danger={to === 'dismissed'}
              onClick={() => setMoving({ problem: row, to })}
              data-testid={`problem-${to}-${row.id}`}
            >
              {t('visits.moveTo', { status: PROBLEM_STATUSES[to] })}
            </Button>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <Card title={t('visits.problemsTitle')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<Filter>
          value={status}
          onChange={setStatus}
          options={[
            ...Object.entries(PROBLEM_STATUSES).map(([value, label]) => ({ value: value as Filter, label })),
            { value: 'all', label: t('visits.allStatuses') },
          ]}
          data-testid="problems-status"
        />
        <StationPicker value={stationId} onChange={setStationId} />
      </Space>
      <CursorTable<Problem>
        list={list}
        error={error}
        columns={columns}
        locale={{ emptyText: t('visits.noProblems') }}
        scroll={{ x: 1100 }}
        data-testid="problems-table"
      />
      {moving && (
        <MoveModal
          {...moving}
          onClose={() => setMoving(null)}
          onMoved={() => {
            setMoving(null);
            setError(null);
            void message.success(t('visits.done'));
            list.reload();
          }}
          onStale={(err) => {
            setMoving(null);
            setError(err);
            list.reload();
          }}
        />
      )}
    </Card>
  );
}

/** The status change, with a note (required to dismiss). A problem changed meanwhile (409) reloads the list. */
function MoveModal(props: {
  problem: Problem;
  to: ProblemStatus;
  onClose: () => void;
  onMoved: () => void;
  onStale: (err: ApiError) => void;
}) {
  const [form] = Form.useForm<{ note?: string }>();
  const [failure, setFailure] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const needsNote = props.to === 'dismissed';
  const submit = async ({ note }: { note?: string }) => {
    setIsSaving(true);
    setFailure(null);
    try {
      await setProblemStatus(props.problem.id, {
        status: props.to,
        version: props.problem.version,
        ...(note?.trim() ? { note: note.trim() } : {}),
      });
      props.onMoved();
    } catch (err) {
      const error = asApiError(err);
      if (error.code === 'stale_version') props.onStale(error);
      else setFailure(describeError(error, ['note']));
      if (error.fields?.note) form.setFields([{ name: 'note', errors: [error.fields.note] }]);
    } finally {
      setIsSaving(false);
    }
  };
  return (
    <Modal
      open
      title={`${props.problem.station_name} · ${t('visits.moveTo', { status: PROBLEM_STATUSES[props.to] })}`}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={isSaving}
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="note"
          label={t('visits.note')}
          rules={needsNote ? [{ required: true, whitespace: true, message: t('visits.noteRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={STATUS_NOTE_MAX} showCount data-testid="problem-note" />
        </Form.Item>
        {failure && <Typography.Text type="danger">{failure}</Typography.Text>}
      </Form>
    </Modal>
  );
}
