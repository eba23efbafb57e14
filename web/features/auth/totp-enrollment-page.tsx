import { Alert, App, Button, Form, Input, Skeleton, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useFormSubmit } from '../../components/form-errors';
import { ErrorAlert } from '../../components/error-alert';
import { asApiError, type ApiError } from '../../lib/http';
import { t } from './messages';
import { confirmTotp, setUpTotp, type AccountMe, type TotpSetup } from './api';
import { AuthCard } from './auth-card';
import { useSession } from './session';
import { SignOutLink } from './sign-out-link';

/** The only page a session flagged `totp_enrollment` may see: bind an authenticator app. */
export function TotpEnrollmentPage({ me }: { me: AccountMe }) {
  const [form] = Form.useForm<{ code: string }>();
  const { message } = App.useApp();
  const { reload } = useSession();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [setupError, setSetupError] = useState<ApiError | null>(null);
  // Each setup call issues a new secret; ask once per visit, not once per render pass.
  const asked = useRef(false);

  const requestSetup = useCallback(() => {
    setSetupError(null);
    setUpTotp().then(setSetup, (err: unknown) => setSetupError(asApiError(err)));
  }, []);

  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    requestSetup();
  }, [requestSetup]);

  const { submit, isSaving, error } = useFormSubmit(
    form,
    async ({ code }: { code: string }) => {
      await confirmTotp(code);
      message.success(t('auth.totpEnrolled'));
      await reload();
    },
    { unfieldedErrorUnder: 'code' },
  );

  return (
    <AuthCard title={t('auth.totpTitle')}>
      <Typography.Paragraph>{t('auth.totpWhy', { name: me.display_name })}</Typography.Paragraph>
      <ErrorAlert error={setupError} onRetry={requestSetup} />
      {!setup && !setupError && <Skeleton active paragraph={{ rows: 3 }} />}
      {setup && (
        <>
          <Typography.Paragraph>
            {t('auth.totpSecret')}
            <br />
            <Typography.Text code copyable={{ text: setup.secret }} data-testid="totp-secret" style={{ fontSize: 14 }}>
              {setup.secret.replace(/(.{4})/g, '$1 ').trim()}
            </Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
            {t('auth.totpUrl')}
            <br />
            <Typography.Text copyable style={{ fontSize: 12 }}>
              {setup.otpauth_url}
            </Typography.Text>
          </Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
          <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
            <Form.Item
              name="code"
              label={t('auth.totp')}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('auth.totpFormat') }]}
            >
              <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" data-testid="totp-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={isSaving} data-testid="totp-confirm">
              {t('auth.totpConfirm')}
            </Button>
          </Form>
        </>
      )}
      <SignOutLink />
    </AuthCard>
  );
}
