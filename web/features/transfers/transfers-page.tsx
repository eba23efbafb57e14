import { App, Button, Card, Form, Input, Modal, Popconfirm, Segmented, Space, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { TRANSFER_STATES, type TransferState } from '../../../common/members';
import { CursorTable } from '../../components/cursor-table';
import { formatDateTime } from '../../lib/format';
import { asApiError, describeError, type ApiError } from '../../lib/http';
import { useCursorList } from '../../lib/use-cursor-list';
import { acceptTransfer, cancelTransfer, listTransfers, refuseTransfer, type Transfer } from './api';
import { t } from './messages';

type Direction = 'incoming' | 'outgoing';

const STATE_COLORS: Record<TransferState, string> = {
  pending: 'processing',
  accepted: 'success',
  refused: 'error',
  cancelled: 'default',
};

/** The state as a tag, with why it ended when that matters (refused, withdrawn, accepted automatically). */
export function TransferStateTag({ transfer }: { transfer: Pick<Transfer, 'state' | 'auto_accepted'> }) {
  return (
    <Tag color={STATE_COLORS[transfer.state]}>
      {transfer.auto_accepted ? t('transfers.autoAccepted') : TRANSFER_STATES[transfer.state]}
    </Tag>
  );
}

/** The answer's due date and the working days left, red when few or overdue. */
function DueCell({ transfer }: { transfer: Transfer }) {
  if (transfer.state !== 'pending') return <span>{transfer.due_date}</span>;
  const left = transfer.days_left;
  return (
    <Space orientation="vertical" size={0}>
      <span>{transfer.due_date}</span>
      {left === 0 ? (
        <Typography.Text type="danger">{t('transfers.overdue')}</Typography.Text>
      ) : left !== null ? (
        <Typography.Text type={left <= 3 ? 'danger' : 'secondary'} data-testid="transfer-days-left">
          {t('transfers.daysLeft')} {left}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

/** 会籍接转: transfers into and out of the unions in scope; the receiving union accepts or refuses. */
export function TransfersPage() {
  const { message } = App.useApp();
  const [direction, setDirection] = useState<Direction>('incoming');
  const [state, setState] = useState<TransferState>('pending');
  const [refusing, setRefusing] = useState<Transfer | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const list = useCursorList<Transfer>(`${direction}|${state}`, (cursor) =>
    listTransfers({ direction, state, cursor, limit: 30 }),
  );

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      void message.success(t('transfers.done'));
    } catch (err) {
      // A stale version or a transfer closed meanwhile: show why, then the list as it now is.
      setError(asApiError(err));
    }
    list.reload();
  };

  const columns: TableColumnsType<Transfer> = [
    {
      title: t('transfers.member'),
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          <span>{row.name_masked}</span>
          <Typography.Text type="secondary">{row.member_no}</Typography.Text>
        </Space>
      ),
    },
    { title: t('transfers.from'), render: (_, row) => row.from_org.name },
    { title: t('transfers.to'), render: (_, row) => row.to_org.name },
    {
      title: t('transfers.reason'),
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          <span>{row.reason ?? '—'}</span>
          <Typography.Text type="secondary">
            {row.requested_by === 'member' ? t('transfers.byMember') : t('transfers.byOrg')}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('transfers.received'), width: 100, render: (_, row) => formatDateTime(row.created_at) },
    { title: t('transfers.due'), width: 150, render: (_, row) => <DueCell transfer={row} /> },
    {
      title: t('transfers.state'),
      width: 130,
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          <TransferStateTag transfer={row} />
          {row.refusal_reason && (
            <Typography.Text type="secondary">
              {t('transfers.refusedBecause')}
              {row.refusal_reason}
            </Typography.Text>
          )}
          {row.cancelled_by && (
            <Typography.Text type="secondary">
              {row.cancelled_by === 'member' ? t('transfers.cancelledByMember') : t('transfers.cancelledByOrg')}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('transfers.actions'),
      width: 150,
      fixed: 'right',
      render: (_, row) => (
        <Space>
          {row.can_answer && (
            <Popconfirm
              title={t('transfers.acceptConfirm')}
              onConfirm={() => act(() => acceptTransfer(row.id, row.version))}
            >
              <Button type="primary" size="small" data-testid={`transfer-accept-${row.id}`}>
                {t('transfers.accept')}
              </Button>
            </Popconfirm>
          )}
          {row.can_answer && (
            <Button danger size="small" onClick={() => setRefusing(row)} data-testid={`transfer-refuse-${row.id}`}>
              {t('transfers.refuse')}
            </Button>
          )}
          {row.can_cancel && !row.can_answer && (
            <Popconfirm
              title={t('transfers.cancelConfirm')}
              onConfirm={() => act(() => cancelTransfer(row.id, row.version))}
            >
              <Button size="small" data-testid={`transfer-cancel-${row.id}`}>
                {t('transfers.cancel')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card title={t('transfers.title')}>
      <Tabs
        activeKey={direction}
        onChange={(key) => setDirection(key as Direction)}
        items={[
          { key: 'incoming', label: t('transfers.incoming') },
          { key: 'outgoing', label: t('transfers.outgoing') },
        ]}
      />
      <Segmented<TransferState>
        value={state}
        onChange={setState}
        options={Object.entries(TRANSFER_STATES).map(([value, label]) => ({ value: value as TransferState, label }))}
        style={{ marginBottom: 16 }}
        data-testid="transfer-state"
      />
      <CursorTable<Transfer>
        list={list}
        error={error}
        columns={columns}
        locale={{ emptyText: t('transfers.empty') }}
        scroll={{ x: 1000 }}
        data-testid="transfers-table"
      />
      {refusing && (
        <RefuseModal
          transfer={refusing}
          onClose={() => setRefusing(null)}
          onRefused={() => {
            setRefusing(null);
            void message.success(t('transfers.done'));
            list.reload();
          }}
        />
      )}
    </Card>
  );
}

function RefuseModal(props: { transfer: Transfer; onClose: () => void; onRefused: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const submit = async ({ reason }: { reason: string }) => {
    setIsSaving(true);
    setError(null);
    try {
      await refuseTransfer(props.transfer.id, props.transfer.version, reason.trim());
      props.onRefused();
    } catch (err) {
      const apiError = asApiError(err);
      if (apiError.fields?.reason) form.setFields([{ name: 'reason', errors: [apiError.fields.reason] }]);
      else setError(describeError(apiError));
    } finally {
      setIsSaving(false);
    }
  };
  return (
    <Modal
      open
      title={`${t('transfers.refuse')} · ${props.transfer.name_masked}`}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okButtonProps={{ danger: true, id: 'transfer-refuse-ok' }}
      confirmLoading={isSaving}
    >
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label={t('transfers.refuseReason')}
          extra={t('transfers.refuseReasonHint')}
          rules={[{ required: true, min: 2, max: 200, whitespace: true, message: t('transfers.refuseReasonHint') }]}
        >
          <Input.TextArea rows={3} maxLength={200} data-testid="transfer-refuse-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
