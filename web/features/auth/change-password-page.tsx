import { Alert, App, Button, Form, Input } from 'antd';
import { useFormSubmit } from '../../components/form-errors';
import { t } from './messages';
import { changePassword, type AccountMe } from './api';
import { AuthCard } from './auth-card';
import { passwordRules } from './password-rules';
import { useSession } from './session';
import { SignOutLink } from './sign-out-link';

interface Values {
  current_password: string;
  new_password: string;
  confirm: string;
}

/** The only page a session flagged `password_change` may see (first sign-in, reset, or expiry). */
export function ChangePasswordPage({ me }: { me: AccountMe }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const { reload } = useSession();
  const { submit, isSaving, error } = useFormSubmit(form, async ({ current_password, new_password }: Values) => {
    await changePassword({ current_password, new_password });
    message.success(t('auth.passwordChanged'));
    await reload();
  });

  return (
    <AuthCard title={t('auth.changePasswordTitle')}>
      <Alert type="info" showIcon title={t('auth.changePasswordWhy')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Form.Item
          name="current_password"
          label={t('auth.currentPassword')}
          rules={[{ required: true, message: t('auth.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="current-password" />
        </Form.Item>
        <Form.Item
          name="new_password"
          label={t('auth.newPassword')}
          rules={passwordRules(me.password_profile, () => me.username)}
        >
          <Input.Password autoComplete="new-password" data-testid="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('auth.confirmPassword')}
          dependencies={['new_password']}
          rules={[
            { required: true, message: t('auth.passwordRequired') },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (value && value !== getFieldValue('new_password')) throw new Error(t('auth.passwordMismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="confirm-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={isSaving} data-testid="change-password-submit">
          {t('auth.changePassword')}
        </Button>
      </Form>
      <SignOutLink />
    </AuthCard>
  );
}
