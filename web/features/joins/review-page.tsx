import {
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { OCCUPATIONS, type Occupation } from '../../../common/members';
import type { SectionProps } from '../../admin/sections';
import { ErrorAlert } from '../../components/error-alert';
import { LoadMore } from '../../components/load-more';
import { formatDateTime } from '../../lib/format';
import { describeError } from '../../lib/http';
import { useCursorList } from '../../lib/use-cursor-list';
import { OrgSelect } from '../orgs/org-select';
import { t } from './review-messages';
import {
  approveJoin,
  bulkJoins,
  fetchJoinCounts,
  listJoinQueue,
  placeJoin,
  refuseJoin,
  type BulkResult,
  type JoinCounts,
  type JoinQueueItem,
  type JoinQueueStatus,
} from './review-api';

const STATUSES: JoinQueueStatus[] = ['pending', 'pooled', 'approved', 'refused'];
// Unions a pooled worker may be placed in: the 小三级 and industry unions, never a pool or a federation.
const PLACEABLE = new Set([
  'subdistrict_union',
  'township_union',
  'community_union',
  'village_union',
  'industry_federation',
  'regional_federation',
  'joint_union',
]);

/** How long an application has waited, in words a cadre reads at a glance. */
export function waitedFor(iso: string, now = Date.now()): string {
  const hours = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 3_600_000));
  return hours < 1 ? '不到 1 小时' : hours < 48 ? `${hours} 小时` : `${Math.floor(hours / 24)} 天`;
}

type Action = { kind: 'refuse' | 'place'; ids: number[] };

/** 入会审核: the queue per status with counts and age; approve, refuse with a reason, place pooled members; in bulk. */
export function JoinReviewPage(_: SectionProps) {
  const { message } = App.useApp();
  const [status, setStatus] = useState<JoinQueueStatus>('pending');
  const [counts, setCounts] = useState<JoinCounts | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [action, setAction] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const list = useCursorList<JoinQueueItem>(status, (cursor) => listJoinQueue({ status, cursor }));
  const [form] = Form.useForm<{ reason?: string; org_id?: number }>();

  const refresh = useCallback(() => {
    fetchJoinCounts().then(setCounts, () => setCounts(null));
  }, []);
  useEffect(refresh, [refresh]);
  useEffect(() => setSelected([]), [status]);

  function report(result: BulkResult) {
    const failed = result.results.filter((r) => !r.ok);
    if (failed.length === 0) message.success(t('review.done', { n: result.results.length }));
    else
      message.warning(
        t('review.partly', {
          ok: result.results.length - failed.length,
          failed: failed.length,
          reason: failed[0]!.error?.message ?? '',
        }),
      );
    setSelected([]);
    list.reload();
    refresh();
  }

  async function run(work: () => Promise<BulkResult>) {
    setBusy(true);
    try {
      report(await work());
      setAction(null);
      form.resetFields();
    } catch (err) {
      message.error(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  const one = (ids: number[], single: () => Promise<unknown>, bulk: () => Promise<BulkResult>) =>
    ids.length === 1 ? single().then(() => ({ results: [{ id: ids[0]!, ok: true }] })) : bulk();

  const approve = (ids: number[]) =>
    void run(() =>
      one(
        ids,
        () => approveJoin(ids[0]!),
        () => bulkJoins({ ids, action: 'approve' }),
      ),
    );

  async function confirmAction() {
    if (!action) return;
    const values = await form.validateFields();
    const { ids } = action;
    if (action.kind === 'refuse')
      await run(() =>
        one(
          ids,
          () => refuseJoin(ids[0]!, values.reason!.trim()),
          () => bulkJoins({ ids, action: 'refuse', reason: values.reason!.trim() }),
        ),
      );
    else
      await run(() =>
        one(
          ids,
          () => placeJoin(ids[0]!, values.org_id!),
          () => bulkJoins({ ids, action: 'place', org_id: values.org_id! }),
        ),
      );
  }

  const columns: TableColumnsType<JoinQueueItem> = [
    { title: t('review.name'), dataIndex: 'name_masked', width: 90 },
    {
      title: t('review.idNumber'),
      dataIndex: 'id_masked',
      width: 180,
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: t('review.phone'), dataIndex: 'phone_masked', width: 120 },
    {
      title: t('review.occupation'),
      key: 'occupation',
      render: (_, row) => (
        <>
          {OCCUPATIONS[row.occupation as Occupation] ?? row.occupation}
          {row.platform && <Tag style={{ marginLeft: 6 }}>{row.platform}</Tag>}
        </>
      ),
    },
    {
      title: t('review.org'),
      key: 'org',
      ellipsis: true,
      render: (_, row) => (row.placed_org_name ? t('review.placedIn', { name: row.placed_org_name }) : row.org_name),
    },
    { title: t('review.submitted'), dataIndex: 'created_at', width: 150, render: (v: string) => formatDateTime(v) },
    ...(status === 'pending' || status === 'pooled'
      ? [
          {
            title: t('review.waited'),
            key: 'waited',
            width: 90,
            render: (_: unknown, row: JoinQueueItem) => waitedFor(row.created_at),
          },
        ]
      : []),
    ...(status === 'refused' ? [{ title: t('review.refuseReason'), dataIndex: 'refusal_reason', ellipsis: true }] : []),
    ...(status === 'pending' || status === 'pooled'
      ? [
          {
            title: t('review.actions'),
            key: 'actions',
            width: 170,
            render: (_: unknown, row: JoinQueueItem) => (
              <Space size={4}>
                {status === 'pending' ? (
                  <Button size="small" type="primary" onClick={() => approve([row.id])} data-testid="join-approve">
                    {t('review.approve')}
                  </Button>
                ) : (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setAction({ kind: 'place', ids: [row.id] })}
                    data-testid="join-place"
                  >
                    {t('review.place')}
                  </Button>
                )}
                <Button
                  size="small"
                  danger
                  onClick={() => setAction({ kind: 'refuse', ids: [row.id] })}
                  data-testid="join-refuse"
                >
                  {t('review.refuse')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const countOf = (s: JoinQueueStatus) => counts?.counts.find((c) => c.status === s);
  const oldest = countOf(status)?.oldest_at;
  return (
    <Card title={t('review.title')} data-testid="joins-page">
      <Typography.Paragraph type="secondary">{t('review.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={status}
        onChange={(k) => setStatus(k as JoinQueueStatus)}
        items={STATUSES.map((s) => ({
          key: s,
          label: (
            <span data-testid={`join-tab-${s}`}>
              {t(`review.tab.${s}`)} {countOf(s) ? `(${countOf(s)!.count})` : ''}
            </span>
          ),
        }))}
      />
      {oldest && (status === 'pending' || status === 'pooled') && (
        <Typography.Paragraph type="warning">{t('review.oldest', { age: waitedFor(oldest) })}</Typography.Paragraph>
      )}
      {selected.length > 0 && (
        <Space style={{ marginBottom: 12 }}>
          {status === 'pending' ? (
            <Button type="primary" loading={busy} onClick={() => approve(selected)}>
              {t('review.bulkApprove', { n: selected.length })}
            </Button>
          ) : (
            <Button type="primary" onClick={() => setAction({ kind: 'place', ids: selected })}>
              {t('review.bulkPlace', { n: selected.length })}
            </Button>
          )}
          <Button danger onClick={() => setAction({ kind: 'refuse', ids: selected })}>
            {t('review.bulkRefuse', { n: selected.length })}
          </Button>
        </Space>
      )}
      {list.error && <ErrorAlert error={list.error} />}
      <Table<JoinQueueItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.items}
        loading={list.isLoading}
        pagination={false}
        scroll={{ x: 960 }}
        locale={{ emptyText: t('review.empty') }}
        rowSelection={
          status === 'pending' || status === 'pooled'
            ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }
            : undefined
        }
      />
      <LoadMore list={list} />
      <Modal
        open={action !== null}
        title={action?.kind === 'refuse' ? t('review.refuseTitle') : t('review.placeTitle')}
        onCancel={() => setAction(null)}
        onOk={() => void confirmAction()}
        confirmLoading={busy}
        okButtonProps={{ id: 'join-action-ok' }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {action?.kind === 'refuse' ? (
            <Form.Item
              name="reason"
              label={t('review.refuseReason')}
              rules={[{ required: true, whitespace: true, min: 2, message: t('review.reasonRequired') }]}
            >
              <Input.TextArea maxLength={200} showCount rows={3} />
            </Form.Item>
          ) : (
            <Form.Item
              name="org_id"
              label={t('review.placeOrg')}
              rules={[{ required: true, message: t('review.placeOrgRequired') }]}
            >
              <OrgSelect
                activeOnly
                accept={(org) => PLACEABLE.has(org.type)}
                placeholder={t('review.placeSearch')}
                testId="join-place-org"
              />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
