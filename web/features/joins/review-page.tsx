import { App, Button, Card, Form, Input, Modal, Space, Tabs, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { PLACEABLE_ORG_TYPES, REFUSAL_REASON_MIN } from '../../../common/joins';
import { CursorTable } from '../../components/cursor-table';
import { asApiError, describeError } from '../../lib/http';
import { useCursorList } from '../../lib/use-cursor-list';
import type { AccountMe } from '../auth/api';
import { MemberFilterBar, type OrgOccupationFilter } from '../members/member-filters';
import { OrgSelect, rootOptionOf } from '../orgs/org-select';
import { JoinPoster } from './poster';
import { queueColumns } from './review-columns';
import { JOINS_CHANGED, waitedFor } from './review-model';
import { t } from './review-messages';
import {
  approveJoin,
  bulkJoins,
  fetchJoinCounts,
  listJoinQueue,
  placeJoin,
  refuseJoin,
  type JoinCounts,
  type JoinQueueItem,
  type JoinQueueName,
} from './review-api';

const QUEUES: JoinQueueName[] = ['pending', 'pooled', 'decided'];
/** What the console gives a section page (web/admin/sections.tsx). */
interface SectionProps {
  me: AccountMe;
  rootId: number;
}

type Action = { kind: 'refuse' | 'place'; items: JoinQueueItem[] };
interface Filters extends OrgOccupationFilter {
  q?: string;
}

/** 入会审核 (/admin/joins), and the QR poster of one union (/admin/joins/poster/:orgId). */
export function JoinReviewPage(props: SectionProps) {
  const { view, orgId } = useParams();
  if (view === 'poster' && orgId && /^\d+$/.test(orgId)) return <JoinPoster orgId={Number(orgId)} />;
  return <JoinQueuePage {...props} />;
}

/** The queues per status with counts and age; approve, refuse with a reason, place pooled members; in bulk. */
function JoinQueuePage({ me, rootId }: SectionProps) {
  const { message } = App.useApp();
  const [queue, setQueue] = useState<JoinQueueName>('pending');
  const [filters, setFilters] = useState<Filters>({});
  const [counts, setCounts] = useState<JoinCounts | null>(null);
  const [selected, setSelected] = useState<JoinQueueItem[]>([]);
  const [action, setAction] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const list = useCursorList<JoinQueueItem>(JSON.stringify({ queue, filters }), (cursor) =>
    listJoinQueue({ queue, ...filters, cursor }),
  );
  const [form] = Form.useForm<{ reason?: string; org_id?: number }>();
  const rootOption = rootOptionOf(me, rootId);

  const refresh = useCallback(() => {
    fetchJoinCounts().then(setCounts, () => setCounts(null));
  }, []);
  useEffect(refresh, [refresh]);
  useEffect(() => setSelected([]), [queue, filters]);

  function changed() {
    setSelected([]);
    list.reload();
    refresh();
    window.dispatchEvent(new Event(JOINS_CHANGED));
  }

  /** Runs a decision; a bulk one is all or nothing, and its failure names each application. */
  async function run(items: JoinQueueItem[], single: () => Promise<unknown>, bulk: () => Promise<unknown>) {
    setBusy(true);
    try {
      await (items.length === 1 ? single() : bulk());
      message.success(t('review.done', { n: items.length }));
      setAction(null);
      form.resetFields();
      changed();
    } catch (err) {
      const e = asApiError(err);
      const n = Object.keys(e.fields ?? {}).length || 1;
      if (e.code === 'stale_version') {
        message.warning(t('review.stale', { n }));
        setAction(null);
        changed();
      } else if (items.length > 1 && e.code === 'validation_failed' && !e.fields?.reason && !e.fields?.org_id) {
        message.error(t('review.failed', { n, reason: Object.values(e.fields ?? {})[0] ?? e.message }));
      } else if (e.fields?.reason || e.fields?.org_id) {
        form.setFields(
          (['reason', 'org_id'] as const)
            .filter((name) => e.fields?.[name])
            .map((name) => ({ name, errors: [e.fields![name]!] })),
        );
      } else message.error(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  const itemsOf = (items: JoinQueueItem[]) => items.map(({ id, version }) => ({ id, version }));
  const approve = (items: JoinQueueItem[]) =>
    void run(
      items,
      () => approveJoin(items[0]!),
      () => bulkJoins({ action: 'approve', items: itemsOf(items) }),
    );

  async function confirmAction() {
    if (!action) return;
    const values = await form.validateFields();
    const { items } = action;
    if (action.kind === 'refuse') {
      const reason = values.reason!.trim();
      await run(
        items,
        () => refuseJoin(items[0]!, reason),
        () => bulkJoins({ action: 'refuse', reason, items: itemsOf(items) }),
      );
    } else {
      const orgId = values.org_id!;
      await run(
        items,
        () => placeJoin(items[0]!, orgId),
        () => bulkJoins({ action: 'place', org_id: orgId, items: itemsOf(items) }),
      );
    }
  }

  const open = queue !== 'decided';
  const columns = queueColumns(queue, {
    approve: (row) => approve([row]),
    place: (row) => setAction({ kind: 'place', items: [row] }),
    refuse: (row) => setAction({ kind: 'refuse', items: [row] }),
  });
  const countOf = (q: JoinQueueName) => counts?.[q];
  const oldest = countOf(queue)?.oldest_age_hours;
  return (
    <Card title={t('review.title')} data-testid="joins-page">
      <Typography.Paragraph type="secondary">{t('review.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={queue}
        onChange={(k) => setQueue(k as JoinQueueName)}
        items={QUEUES.map((q) => ({
          key: q,
          label: (
            <span data-testid={`join-tab-${q}`}>
              {t(`review.tab.${q}`)} {countOf(q) ? `(${countOf(q)!.count})` : ''}
            </span>
          ),
        }))}
      />
      <MemberFilterBar
        value={filters}
        onChange={(change) => setFilters((f) => ({ ...f, ...change }))}
        rootOption={rootOption}
        marginBottom={12}
      >
        <Input.Search
          allowClear
          placeholder={t('review.filterNo')}
          onSearch={(text) => setFilters((f) => ({ ...f, q: text.trim() || undefined }))}
          style={{ width: 200 }}
        />
        {open && oldest !== null && oldest !== undefined && (
          <Typography.Text type="warning" data-testid="join-oldest">
            {t('review.oldest', { age: waitedFor(oldest) })}
          </Typography.Text>
        )}
      </MemberFilterBar>
      {selected.length > 0 && (
        <div style={{ marginBottom: 12 }}>
          <Space>
            {queue === 'pending' ? (
              <Button type="primary" loading={busy} onClick={() => approve(selected)} data-testid="join-bulk-approve">
                {t('review.bulkApprove', { n: selected.length })}
              </Button>
            ) : (
              <Button type="primary" onClick={() => setAction({ kind: 'place', items: selected })}>
                {t('review.bulkPlace', { n: selected.length })}
              </Button>
            )}
            <Button danger onClick={() => setAction({ kind: 'refuse', items: selected })}>
              {t('review.bulkRefuse', { n: selected.length })}
            </Button>
          </Space>
        </div>
      )}
      <CursorTable<JoinQueueItem>
        list={list}
        columns={columns}
        scroll={{ x: open ? 1100 : 1350 }}
        locale={{ emptyText: t('review.empty') }}
        rowSelection={
          open ? { selectedRowKeys: selected.map((s) => s.id), onChange: (_, rows) => setSelected(rows) } : undefined
        }
        data-testid="joins-table"
      />
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
              rules={[
                { required: true, whitespace: true, min: REFUSAL_REASON_MIN, message: t('review.reasonRequired') },
              ]}
            >
              <Input.TextArea maxLength={200} showCount rows={3} data-testid="join-refuse-reason" />
            </Form.Item>
          ) : (
            <>
              <Typography.Paragraph type="secondary">{t('review.placeHint')}</Typography.Paragraph>
              <Form.Item
                name="org_id"
                label={t('review.placeOrg')}
                rules={[{ required: true, message: t('review.placeOrgRequired') }]}
              >
                <OrgSelect
                  activeOnly
                  accept={(org) => PLACEABLE_ORG_TYPES.has(org.type)}
                  placeholder={t('review.placeSearch')}
                  testId="join-place-org"
                />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
