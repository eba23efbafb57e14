import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Divider,
  Form,
  InputNumber,
  Popconfirm,
  Row,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import {
  CASE_KIND_LABELS,
  CASE_KINDS,
  CASE_TIERS,
  EMERGENCY_DISPATCH_HOURS,
  PUBLICISE_AFTER_WORKING_DAYS,
  REMIND_BEFORE_HOURS,
  TIER_FACTOR,
  TIER_LABELS,
} from '../../../common/cases';
import { ErrorAlert } from '../../components/error-alert';
import { useFormSubmit } from '../../components/form-errors';
import { describeError } from '../../lib/http';
import { useRequest } from '../../lib/use-request';
import type { AccountMe } from '../auth/api';
import { OrgSelect } from '../orgs/org-select';
import { fetchCaseSettings, saveCaseSettings, type CaseSettingsView } from './api';
import { DutyPhonesSection } from './duty-phones-section';
import { t } from './figures-messages';
import { settingsOrigin } from './figures-model';
import { StatusLabelsSection } from './status-labels';

/** What the console gives a section page (web/admin/sections.tsx), which this page must not import. */
interface SectionProps {
  me: AccountMe;
  rootId: number;
}

type Values = Pick<CaseSettingsView, 'sign_days' | 'limits' | 'show_cadre_names'>;

const range = (min: number, max: number) => [
  { required: true, type: 'integer' as const, min, max, message: t('settings.range', { min, max }) },
];

/** Where the shown settings come from: this union's own, an ancestor's, or the platform's. */
function OriginTag({ view }: { view: CaseSettingsView }) {
  const origin = settingsOrigin(view);
  if (origin.kind === 'own')
    return (
      <Tag color="blue" data-testid="settings-origin">
        {t('settings.own')}
      </Tag>
    );
  if (origin.kind === 'inherited')
    return <Tag data-testid="settings-origin">{t('settings.inherited', { org: origin.from })}</Tag>;
  return <Tag data-testid="settings-origin">{t('settings.defaults')}</Tag>;
}

/**
 * 工单设置 (issue 9 item 4): an org's case deadlines as they apply and where they come from; saving
 * makes them the org's own (for its subtree), 恢复沿用上级 drops them. Read and set under
 * cases.supervise alike, so whoever sees the page may edit.
 */
export function CaseSettingsPage({ me, rootId }: SectionProps) {
  const { message } = App.useApp();
  const rootName = me.grants.find((g) => g.org_id === rootId)?.org_name ?? String(rootId);
  const [org, setOrg] = useState({ id: rootId, name: rootName });
  const settings = useRequest(String(org.id), () => fetchCaseSettings(org.id));
  const view = settings.data?.org_id === org.id ? settings.data : null;
  const [form] = Form.useForm<Values>();
  const [isResetting, setIsResetting] = useState(false);

  useEffect(() => {
    if (view)
      form.setFieldsValue({ sign_days: view.sign_days, limits: view.limits, show_cadre_names: view.show_cadre_names });
  }, [view, form]);

  const { submit, isSaving, error } = useFormSubmit(form, async (values: Values) => {
    settings.setData(await saveCaseSettings(org.id, values));
    void message.success(t('settings.saved'));
  });

  const inheritAgain = async () => {
    setIsResetting(true);
    try {
      settings.setData(await saveCaseSettings(org.id, { inherit: true }));
      void message.success(t('settings.inheritDone'));
    } catch (err) {
      void message.error(describeError(err));
    } finally {
      setIsResetting(false);
    }
  };

  return (
    <Card title={t('settings.title')}>
      <Typography.Paragraph type="secondary">{t('settings.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <OrgSelect
          key={org.id}
          value={org.id}
          initialOption={{ value: org.id, label: org.name }}
          onChange={(id, option) => id && setOrg({ id, name: option?.org?.name ?? option?.label ?? String(id) })}
          style={{ width: 240, maxWidth: '100%' }}
          testId="settings-org"
        />
        {view && <OriginTag view={view} />}
      </Space>
      <ErrorAlert error={settings.error ?? error} onRetry={settings.reload} />
      {view && (
        <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="settings-form">
          <Form.Item name="sign_days" label={t('settings.signDays')} rules={range(1, 10)}>
            <InputNumber precision={0} data-testid="settings-sign-days" />
          </Form.Item>
          <Typography.Title level={5}>{t('settings.limits')}</Typography.Title>
          <Row gutter={16}>
            {CASE_KINDS.map((kind) => (
              <Col key={kind} xs={12} md={6}>
                <Form.Item name={['limits', kind]} label={CASE_KIND_LABELS[kind]} rules={range(1, 60)}>
                  <InputNumber precision={0} data-testid={`settings-limit-${kind}`} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Form.Item name="show_cadre_names" label={t('settings.showCadreNames')} valuePropName="checked">
            <Switch data-testid="settings-show-names" />
          </Form.Item>
          <Descriptions
            size="small"
            column={1}
            title={t('settings.fixed')}
            style={{ marginBottom: 16 }}
            items={[
              {
                key: 'tiers',
                label: t('settings.tiers'),
                children: CASE_TIERS.map((tier) =>
                  t('settings.tier', { tier: TIER_LABELS[tier], factor: TIER_FACTOR[tier] }),
                ).join('，'),
              },
              { key: 'emergency', label: '', children: t('settings.emergency', { hours: EMERGENCY_DISPATCH_HOURS }) },
              { key: 'remind', label: '', children: t('settings.remind', { hours: REMIND_BEFORE_HOURS }) },
              {
                key: 'publicise',
                label: '',
                children: t('settings.publicise', { days: PUBLICISE_AFTER_WORKING_DAYS }),
              },
            ]}
          />
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={isSaving} data-testid="settings-save">
              {t('settings.save')}
            </Button>
            {!view.inherited && (
              <Popconfirm title={t('settings.inheritConfirm')} onConfirm={inheritAgain}>
                <Button loading={isResetting} data-testid="settings-inherit">
                  {t('settings.inherit')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        </Form>
      )}
      {view && <DutyPhonesSection orgId={org.id} />}
      <Divider />
      <StatusLabelsSection orgId={org.id} />
    </Card>
  );
}
