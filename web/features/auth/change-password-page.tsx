import { Alert, App, Button, Form } from 'antd';
import { useFormSubmit } from '../../components/form-errors';
import { t } from './messages';
import { changePassword, type AccountMe } from './api';
import { AuthCard } from './auth-card';
import { ChangePasswordFields, type ChangePasswordValues } from './change-password-fields';
import { useSession } from './session';
import { SignOutLink } from './sign-out-link';

/** The only page a session flagged `password_change` may see (first sign-in, reset, or expiry). */
export function ChangePasswordPage({ me }: { me: AccountMe }) {
  const [form] = Form.useForm<ChangePasswordValues>();
  const { message } = App.useApp();
  const { reload } = useSession();
  const { submit, isSaving, error } = useFormSubmit(
    form,
    async ({ current_password, new_password }: ChangePasswordValues) => {
      await changePassword({ current_password, new_password });
      message.success(t('auth.passwordChanged'));
      await reload();
    },
  );

  return (
    <AuthCard title={t('auth.changePasswordTitle')}>
      <Alert type="info" showIcon title={t('auth.changePasswordWhy')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <ChangePasswordFields me={me} />
        <Button type="primary" htmlType="submit" block loading={isSaving} data-testid="change-password-submit">
          {t('auth.changePassword')}
        </Button>
      </Form>
      <SignOutLink />
    </AuthCard>
  );
}
