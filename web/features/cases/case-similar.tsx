import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Modal,
  Skeleton,
  Space,
  Tag,
  Typography,
  type ButtonProps,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { useFormSubmit } from '../../components/form-errors';
import { formatDateTime } from '../../lib/format';
import { asApiError, type ApiError } from '../../lib/http';
import { fetchSimilarCases, makeCollectiveCase, type CaseView, type SimilarCase } from './api';
import { fenToYuan } from './case-model';
import { t } from './messages';

/**
 * Whether the similar-cases offer applies: a report still waiting for this dispatcher (the server
 * offers `dispatch` only to the receiving union's dispatcher), not itself grouped or a parent.
 */
export const offersCollective = (kase: CaseView) =>
  kase.actions.includes('dispatch') && !kase.is_collective && kase.parent_id === null;

/**
 * 相似工单: open reports about the same employer, station or place, which the dispatcher may tick
 * and group with this one under a new collective parent (POST /cases/collective).
 */
export function CaseSimilar({ kase, onMerged }: { kase: CaseView; onMerged: (parent: CaseView) => void }) {
  const { message } = App.useApp();
  const [items, setItems] = useState<SimilarCase[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [picked, setPicked] = useState<number[]>([]);
  const [isAsking, setIsAsking] = useState(false);
  const [form] = Form.useForm<{ reason?: string }>();
  const load = useCallback(() => {
    setError(null);
    fetchSimilarCases(kase.id).then(
      (page) => {
        // Only reports still waiting may be grouped; the others are listed for context.
        setItems(page.items.filter((c) => c.id !== kase.id));
        setPicked(page.items.filter((c) => mergeable(c)).map((c) => c.id));
      },
      (err: unknown) => setError(asApiError(err)),
    );
  }, [kase.id]);
  useEffect(load, [load]);

  // The reason is optional (grouping judges that the reports are one matter, and the parent can be
  // handled at once): the parent's description and every 合并 event carry it, for cadres only.
  const merge = useFormSubmit(form, async ({ reason }: { reason?: string }) => {
    const parent = await makeCollectiveCase([kase.id, ...picked], reason?.trim() || undefined);
    setIsAsking(false);
    void message.success(t('similar.merged', { no: parent.tracking_no }));
    onMerged(parent);
  });

  return (
    <Card size="small" title={t('similar.title')} data-testid="case-similar">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('similar.hint')}
      </Typography.Paragraph>
      <ErrorAlert error={error} onRetry={load} />
      {!items && !error && <Skeleton active paragraph={{ rows: 2 }} />}
      {items && items.length === 0 && <Typography.Text type="secondary">{t('similar.none')}</Typography.Text>}
      {items && items.length > 0 && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Checkbox.Group value={picked} onChange={(v) => setPicked(v)} style={{ width: '100%' }}>
            <Space orientation="vertical" size={8} style={{ width: '100%' }}>
              {items.map((c) => (
                <div key={c.id} data-testid="case-similar-item">
                  <Checkbox value={c.id} disabled={!mergeable(c)}>
                    <SimilarLine item={c} />
                  </Checkbox>
                </div>
              ))}
            </Space>
          </Checkbox.Group>
          <Button
            type="primary"
            disabled={picked.length === 0}
            title={picked.length === 0 ? t('similar.pickOne') : undefined}
            onClick={() => setIsAsking(true)}
            data-testid="case-similar-merge"
          >
            {t('similar.merge', { n: picked.length + 1 })}
          </Button>
          <Modal
            open={isAsking}
            title={t('similar.merge', { n: picked.length + 1 })}
            onCancel={() => setIsAsking(false)}
            onOk={() => form.submit()}
            confirmLoading={merge.isSaving}
            okButtonProps={{ 'data-testid': 'case-similar-confirm' } as ButtonProps}
            destroyOnHidden
          >
            <Typography.Paragraph>{t('similar.mergeConfirm', { n: picked.length })}</Typography.Paragraph>
            <ErrorAlert error={merge.error} />
            <Form form={form} layout="vertical" onFinish={(values) => void merge.submit(values)}>
              <Form.Item name="reason" label={t('similar.reason')} extra={t('similar.reasonHint')}>
                <Input.TextArea rows={3} maxLength={500} showCount autoFocus data-testid="case-similar-reason" />
              </Form.Item>
            </Form>
          </Modal>
        </Space>
      )}
    </Card>
  );
}

const mergeable = (c: SimilarCase) => c.category === 'new' && c.parent_id === null && !c.is_collective;

function SimilarLine({ item }: { item: SimilarCase }) {
  return (
    <Space wrap size={[8, 0]} style={{ overflowWrap: 'anywhere' }}>
      <Typography.Text strong data-testid="case-similar-no">
        {item.tracking_no}
      </Typography.Text>
      <span>{item.requester}</span>
      {item.employer_name && <span>{item.employer_name}</span>}
      {item.same_employer && <Tag color="blue">{t('similar.sameEmployer')}</Tag>}
      {item.same_station && <Tag color="cyan">{t('similar.sameStation')}</Tag>}
      {item.same_place && <Tag>{t('similar.samePlace')}</Tag>}
      <Tag>{item.status_label}</Tag>
      <Typography.Text type="secondary">{formatDateTime(item.received_at)}</Typography.Text>
    </Space>
  );
}

/** A collective parent's wages: the sums claimed and recovered over its children, in 元. */
export function CollectiveSums({ kase }: { kase: CaseView }) {
  if (!kase.is_collective || (kase.wage_claimed_fen === null && kase.wage_recovered_fen === null)) return null;
  const yuan = (fen: number | null) => t('cases.yuan', { amount: fenToYuan(fen ?? 0) });
  return (
    <Typography.Text data-testid="case-collective-sums">
      {t('collective.sums', { claimed: yuan(kase.wage_claimed_fen), recovered: yuan(kase.wage_recovered_fen) })}
    </Typography.Text>
  );
}
