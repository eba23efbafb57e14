import { Button, Form, Input } from 'antd-mobile';
import { useState } from 'react';
import { normaliseMobile } from '../../../common/phone';
import { asApiError, describeError } from '../../lib/http';
import { MobilePage } from '../../m/mobile-page';
import { PhoneField } from '../auth/phone-code-fields';
import { t } from './h5-messages';
import { fetchJoinStatus, type JoinStatus } from './h5-api';
import { JoinResult } from './h5-join-result';

/** 入会进度: the application number and the phone, both in the body (never in a URL). */
export function JoinStatusPage() {
  const [form] = Form.useForm<{ application_no: string; phone: string }>();
  const [status, setStatus] = useState<JoinStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function check(values: { application_no: string; phone: string }) {
    setBusy(true);
    setError(null);
    try {
      setStatus(
        await fetchJoinStatus({
          application_no: values.application_no.trim().toUpperCase(),
          phone: normaliseMobile(values.phone) ?? values.phone,
        }),
      );
    } catch (err) {
      const e = asApiError(err);
      setError(e.code === 'not_found' ? t('join.notFound') : describeError(e));
    } finally {
      setBusy(false);
    }
  }

  if (status) return <JoinResult answer={status} />;
  return (
    <MobilePage title={t('join.statusTitle')}>
      <Form
        form={form}
        layout="vertical"
        mode="card"
        onFinish={(v: { application_no: string; phone: string }) => void check(v)}
        footer={
          <Button block type="submit" color="primary" size="large" loading={busy} data-testid="m-join-status-submit">
            {t('join.statusQuery')}
          </Button>
        }
      >
        <Form.Item
          name="application_no"
          label={t('join.applicationNo')}
          rules={[{ required: true, message: t('join.applicationNoRequired') }]}
        >
          <Input maxLength={24} autoComplete="off" data-testid="m-join-status-no" />
        </Form.Item>
        <PhoneField testId="m-join-status-phone" />
      </Form>
      {error && (
        <p role="alert" style={{ margin: 16, color: '#c41d24' }} data-testid="m-join-status-error">
          {error}
        </p>
      )}
    </MobilePage>
  );
}
