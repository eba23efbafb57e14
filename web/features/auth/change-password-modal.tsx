import { Alert, App, Form, Modal } from 'antd';
import { useFormSubmit } from '../../components/form-errors';
import { changePassword, type AccountMe } from './api';
import { ChangePasswordFields, type ChangePasswordValues } from './change-password-fields';
import { t } from './messages';

/** A signed-in account changes its own password (an administrator's reset is for others' accounts). */
export function ChangePasswordModal({ me, onClose }: { me: AccountMe; onClose: () => void }) {
  const [form] = Form.useForm<ChangePasswordValues>();
  const { message } = App.useApp();
  const { submit, isSaving, error } = useFormSubmit(
    form,
    async ({ current_password, new_password }: ChangePasswordValues) => {
      await changePassword({ current_password, new_password });
      message.success(t('auth.passwordChanged'));
      onClose();
    },
  );

  return (
    <Modal
      open
      title={t('auth.changePasswordTitle')}
      okText={t('auth.changePassword')}
      onOk={() => form.submit()}
      confirmLoading={isSaving}
      onCancel={onClose}
      destroyOnHidden
      data-testid="change-password-modal"
    >
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <ChangePasswordFields me={me} />
      </Form>
    </Modal>
  );
}
