import { App, Button, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { STATUS_LABEL_MAX } from '../../../common/cases';
import { ErrorAlert } from '../../components/error-alert';
import { useFormSubmit } from '../../components/form-errors';
import { useRequest } from '../../lib/use-request';
import {
  fetchStatusLabels,
  resetStatusLabel,
  saveStatusLabel,
  type CaseStatusLabel,
  type CaseStatusLabels,
} from './api';
import { t } from './figures-messages';

/** One status's name: edited in place, saved for the org's subtree, or reset to what it inherits. */
function LabelRow({
  orgId,
  item,
  onSaved,
}: {
  orgId: number;
  item: CaseStatusLabel;
  onSaved: (view: CaseStatusLabels) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ label: string }>();
  useEffect(() => form.setFieldsValue({ label: item.label }), [form, item.label]);
  const save = useFormSubmit(form, async ({ label }: { label: string }) => {
    onSaved(await saveStatusLabel(orgId, item.code, label));
    void message.success(t('labels.saved', { platform: item.platform_label, label: label.trim() }));
  });
  const reset = useFormSubmit(form, async () => {
    onSaved(await resetStatusLabel(orgId, item.code));
    void message.success(t('labels.resetDone', { platform: item.platform_label }));
  });
  return (
    <Form form={form} layout="inline" onFinish={save.submit} data-testid={`status-label-${item.code}`}>
      <Form.Item
        name="label"
        rules={[
          { required: true, whitespace: true, message: t('labels.required') },
          { max: STATUS_LABEL_MAX, message: t('labels.max', { max: STATUS_LABEL_MAX }) },
        ]}
        style={{ marginBottom: 0 }}
      >
        <Input aria-label={`${item.platform_label} ${t('labels.label')}`} style={{ width: 160 }} />
      </Form.Item>
      <Space>
        <Button htmlType="submit" loading={save.isSaving} data-testid={`status-label-save-${item.code}`}>
          {t('labels.save')}
        </Button>
        {item.own && (
          <Button
            onClick={() => void reset.submit()}
            loading={reset.isSaving}
            data-testid={`status-label-reset-${item.code}`}
          >
            {t('labels.reset')}
          </Button>
        )}
      </Space>
      <ErrorAlert error={save.error ?? reset.error} />
    </Form>
  );
}

/**
 * 状态名称 (ADR 0004: statuses are data): the statuses as the org names them, each renamed for its
 * subtree or reset to what it inherits. Transitions and figures go by category, never by name.
 */
export function StatusLabelsSection({ orgId }: { orgId: number }) {
  const labels = useRequest(String(orgId), () => fetchStatusLabels(orgId));
  const view = labels.data?.org_id === orgId ? labels.data : null;
  return (
    <div data-testid="status-labels">
      <Typography.Title level={5}>{t('labels.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('labels.intro')}</Typography.Paragraph>
      <ErrorAlert error={labels.error} onRetry={labels.reload} />
      <Table<CaseStatusLabel>
        size="small"
        rowKey="code"
        loading={!view && !labels.error}
        dataSource={view?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'status', title: t('labels.status'), dataIndex: 'platform_label' },
          {
            key: 'label',
            title: t('labels.label'),
            render: (_, item) => <LabelRow orgId={orgId} item={item} onSaved={labels.setData} />,
          },
          {
            key: 'from',
            title: t('labels.from'),
            render: (_, item) =>
              item.own ? (
                <Tag color="blue">{t('labels.own')}</Tag>
              ) : (
                <Tag>{item.from_org?.name ?? t('labels.platform')}</Tag>
              ),
          },
        ]}
      />
    </div>
  );
}
