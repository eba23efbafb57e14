import { Button, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { OCCUPATIONS } from '../../../common/members';
import { formatDateTime } from '../../lib/format';
import type { JoinQueueItem, JoinQueueName } from './review-api';
import { t } from './review-messages';
import { waitedFor } from './review-model';

/** What a row's buttons do. */
export interface RowActions {
  approve(row: JoinQueueItem): void;
  place(row: JoinQueueItem): void;
  refuse(row: JoinQueueItem): void;
}

/** The queue's columns: masked person, occupation, union, and the wait (open queues) or the result (decided). */
export function queueColumns(queue: JoinQueueName, on: RowActions): TableColumnsType<JoinQueueItem> {
  const open = queue !== 'decided';
  const columns: TableColumnsType<JoinQueueItem> = [
    {
      title: t('review.name'),
      dataIndex: 'name_masked',
      width: 80,
      render: (v: string, row) => (
        <span title={row.application_no} data-testid="join-row-name">
          {v}
        </span>
      ),
    },
    {
      title: t('review.idNumber'),
      dataIndex: 'id_masked',
      width: 180,
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: t('review.phone'), dataIndex: 'phone_masked', width: 115 },
    {
      title: t('review.occupation'),
      key: 'occupation',
      width: 190,
      render: (_, row) => (
        <>
          {OCCUPATIONS[row.occupation]}
          {row.platform && <Tag style={{ marginLeft: 6 }}>{row.platform}</Tag>}
        </>
      ),
    },
    { title: t('review.org'), dataIndex: 'org_name', width: 220, ellipsis: { showTitle: true } },
    open
      ? {
          title: t('review.waited'),
          dataIndex: 'age_hours',
          width: 100,
          // The submitted time on hover: the column says how long, which is what a reviewer acts on.
          render: (h: number, row: JoinQueueItem) => (
            <Typography.Text type={h >= 72 ? 'danger' : undefined} title={formatDateTime(row.created_at)}>
              {waitedFor(h)}
            </Typography.Text>
          ),
        }
      : {
          title: t('review.result'),
          key: 'result',
          width: 300,
          ellipsis: { showTitle: false },
          render: (_, row) => {
            const text =
              row.status === 'refused'
                ? t('review.refused', { reason: row.refusal_reason ?? '' })
                : row.placed_org_name
                  ? t('review.placedIn', { name: row.placed_org_name })
                  : t('review.approved');
            return (
              <Typography.Text type={row.status === 'refused' ? 'danger' : 'success'} title={text}>
                {text}
              </Typography.Text>
            );
          },
        },
  ];
  if (!open)
    columns.push({
      title: t('review.submitted'),
      dataIndex: 'created_at',
      width: 140,
      render: (v: string) => formatDateTime(v),
    });
  if (open)
    columns.push({
      title: t('review.actions'),
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_, row) => (
        <Space size={4}>
          {queue === 'pending' ? (
            <Button size="small" type="primary" onClick={() => on.approve(row)} data-testid="join-approve">
              {t('review.approve')}
            </Button>
          ) : (
            <Button size="small" type="primary" onClick={() => on.place(row)} data-testid="join-place">
              {t('review.place')}
            </Button>
          )}
          <Button size="small" danger onClick={() => on.refuse(row)} data-testid="join-refuse">
            {t('review.refuse')}
          </Button>
        </Space>
      ),
    });

  return columns;
}
