import { Alert, App, Button, Form, Input, Modal, Space } from 'antd';
import { useFormSubmit } from '../../components/form-errors';
import { useConfig } from '../../lib/config';
import { t } from './messages';
import { generatePassword, passwordRules } from '../auth/password-rules';
import { resetPassword, type AccountDetail } from './api';

export function ResetPasswordModal({
  account,
  onClose,
  onDone,
}: {
  account: AccountDetail;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const profile = useConfig()?.password_profile ?? 'mlps3';
  const { submit, isSaving, error } = useFormSubmit(form, async ({ password }: { password: string }) => {
    await resetPassword(account.id, password);
    message.success(t('accounts.passwordReset'));
    onDone();
  });

  return (
    <Modal
      open
      title={t('accounts.resetPasswordTitle', { name: account.display_name })}
      okText={t('accounts.resetPassword')}
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      confirmLoading={isSaving}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('accounts.resetPasswordNote')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item label={t('accounts.newPassword')} required>
          <Space.Compact block>
            <Form.Item name="password" noStyle rules={passwordRules(profile, () => account.username)}>
              <Input.Password autoComplete="new-password" data-testid="reset-password-input" />
            </Form.Item>
            <Button onClick={() => form.setFieldsValue({ password: generatePassword() })}>
              {t('accounts.generate')}
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>
    </Modal>
  );
}
