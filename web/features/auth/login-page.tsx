import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { asApiError, type ApiError } from '../../lib/http';
import { t } from './messages';
import { logIn, type LoginInput } from './api';
import { AuthCard } from './auth-card';
import { useSession } from './session';

/** `notice` is why sign-in is shown again (session expired) or could not be checked (server down). */
export function LoginPage({ notice }: { notice?: ApiError }) {
  const [form] = Form.useForm<LoginInput>();
  const { setMe } = useSession();
  const [needsTotp, setNeedsTotp] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);

  async function submit(values: LoginInput) {
    setIsSubmitting(true);
    setError(null);
    try {
      const { me } = await logIn({ ...values, totp: needsTotp ? values.totp : undefined });
      setMe(me);
    } catch (err) {
      const apiError = asApiError(err);
      if (apiError.code === 'totp_required') {
        setNeedsTotp(true);
      } else if (apiError.code === 'totp_invalid') {
        form.setFields([{ name: 'totp', errors: [apiError.message], value: '' }]);
      } else {
        setError(apiError);
      }
    } finally {
      setIsSubmitting(false);
    }
  }

  return (
    <AuthCard title={t('auth.loginTitle')}>
      {notice && !error && (
        <Alert
          type="warning"
          showIcon
          title={notice.message}
          description={notice.status === 401 ? undefined : t('auth.serviceDown')}
          style={{ marginBottom: 16 }}
          data-testid="login-notice"
        />
      )}
      {error && (
        <Alert
          type={
            error.code === 'account_locked' || error.code === 'address_locked' || error.code === 'rate_limited'
              ? 'warning'
              : 'error'
          }
          showIcon
          title={error.message}
          style={{ marginBottom: 16 }}
          data-testid="login-error"
        />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Form.Item
          name="username"
          label={t('auth.username')}
          rules={[{ required: true, message: t('auth.usernameRequired') }]}
        >
          <Input
            prefix={<UserOutlined />}
            autoComplete="username"
            autoFocus
            disabled={needsTotp}
            data-testid="login-username"
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          rules={[{ required: true, message: t('auth.passwordRequired') }]}
        >
          <Input.Password
            prefix={<LockOutlined />}
            autoComplete="current-password"
            disabled={needsTotp}
            data-testid="login-password"
          />
        </Form.Item>
        {needsTotp && (
          <Form.Item
            name="totp"
            label={t('auth.totp')}
            extra={t('auth.totpHint')}
            rules={[{ required: true, pattern: /^\d{6}$/, message: t('auth.totpFormat') }]}
          >
            <Input
              prefix={<SafetyOutlined />}
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={6}
              autoFocus
              data-testid="login-totp"
            />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" block loading={isSubmitting} data-testid="login-submit">
          {t('auth.login')}
        </Button>
        {needsTotp && (
          <Button
            type="link"
            block
            onClick={() => {
              setNeedsTotp(false);
              form.setFieldValue('totp', undefined);
            }}
          >
            {t('auth.backToPassword')}
          </Button>
        )}
      </Form>
    </AuthCard>
  );
}
