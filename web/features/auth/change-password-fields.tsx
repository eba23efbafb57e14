import { Form, Input } from 'antd';
import type { AccountMe } from './api';
import { t } from './messages';
import { passwordRules } from './password-rules';

export interface ChangePasswordValues {
  current_password: string;
  new_password: string;
  confirm: string;
}

/** Current password, a new one under the deployment's policy, and the new one again. */
export function ChangePasswordFields({ me }: { me: AccountMe }) {
  return (
    <>
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
    </>
  );
}
