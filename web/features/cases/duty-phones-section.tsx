import { App, Alert, Button, Form, Input, List, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { EMERGENCY_DISPATCH_HOURS } from '../../../common/cases';
import { ErrorAlert } from '../../components/error-alert';
import { useFormSubmit } from '../../components/form-errors';
import { describeError } from '../../lib/http';
import { useRequest } from '../../lib/use-request';
import { addDutyPhone, fetchDutyPhones, removeDutyPhone, type CaseDutyPhoneBody, type CaseDutyPhones } from './api';
import { t } from './figures-messages';

type Phone = CaseDutyPhones['items'][number];

/**
 * 值班电话 in 工单设置: the desks an emergency reaching `orgId` texts at once (and the union above's
 * when it waits past its hour). Numbers are shown masked; what a union without its own inherits
 * is shown read-only with where it comes from.
 */
export function DutyPhonesSection({ orgId }: { orgId: number }) {
  const { message } = App.useApp();
  const phones = useRequest(`duty:${orgId}`, () => fetchDutyPhones(orgId));
  const view = phones.data?.org_id === orgId ? phones.data : null;
  const [form] = Form.useForm<CaseDutyPhoneBody>();
  const [removing, setRemoving] = useState<number | null>(null);

  // A refusal that names no field (the number listed already: 409) belongs to the number.
  const { submit, isSaving } = useFormSubmit(
    form,
    async (values: CaseDutyPhoneBody) => {
      phones.setData(await addDutyPhone(orgId, values));
      form.resetFields();
      void message.success(t('duty.added'));
    },
    { unfieldedErrorUnder: 'phone' },
  );

  const remove = async (id: number) => {
    setRemoving(id);
    try {
      phones.setData(await removeDutyPhone(orgId, id));
      void message.success(t('duty.removed'));
    } catch (err) {
      void message.error(describeError(err));
    } finally {
      setRemoving(null);
    }
  };

  const full = !!view && view.items.length >= view.max;
  const required = (field: string) => [{ required: true, whitespace: true, message: t('duty.required', { field }) }];

  return (
    <section data-testid="duty-phones" style={{ marginTop: 24 }}>
      <Typography.Title level={5}>{t('duty.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('duty.intro', { hours: EMERGENCY_DISPATCH_HOURS })}
      </Typography.Paragraph>
      <ErrorAlert error={phones.error} onRetry={phones.reload} />
      {view && (
        <>
          {view.items.length > 0 ? (
            <List<Phone>
              size="small"
              bordered
              style={{ marginBottom: 12, maxWidth: 520 }}
              dataSource={view.items}
              renderItem={(p) => (
                <List.Item
                  data-testid="duty-phone"
                  actions={[
                    <Popconfirm key="remove" title={t('duty.removeConfirm')} onConfirm={() => remove(p.id)}>
                      <Button size="small" danger loading={removing === p.id} data-testid="duty-phone-remove">
                        {t('duty.remove')}
                      </Button>
                    </Popconfirm>,
                  ]}
                >
                  <Space>
                    <span>{p.label}</span>
                    <Typography.Text code>{p.phone_masked}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          ) : view.inherited ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12, maxWidth: 520 }}
              data-testid="duty-inherited"
              message={t('duty.inherited', { org: view.inherited.org.name })}
              description={view.inherited.items.map((p) => `${p.label} ${p.phone_masked}`).join('，')}
            />
          ) : (
            <Alert type="warning" showIcon style={{ marginBottom: 12, maxWidth: 520 }} message={t('duty.none')} />
          )}
          <Form<CaseDutyPhoneBody> form={form} layout="inline" onFinish={submit} data-testid="duty-phone-form">
            <Form.Item
              name="label"
              label={t('duty.label')}
              rules={required(t('duty.label'))}
              tooltip={t('duty.labelHint')}
            >
              <Input maxLength={20} placeholder="值班室" style={{ width: 140 }} data-testid="duty-phone-label" />
            </Form.Item>
            <Form.Item name="phone" label={t('duty.phone')} rules={required(t('duty.phone'))}>
              <Input
                maxLength={20}
                inputMode="tel"
                autoComplete="off"
                style={{ width: 160 }}
                data-testid="duty-phone-number"
              />
            </Form.Item>
            <Form.Item>
              <Button htmlType="submit" loading={isSaving} disabled={full} data-testid="duty-phone-add">
                {full ? t('duty.full', { max: view.max }) : t('duty.add')}
              </Button>
            </Form.Item>
          </Form>
        </>
      )}
    </section>
  );
}
