import { Alert, App, Form, Input, Modal } from 'antd';
import { useFormSubmit } from '../../components/form-errors';
import { t } from './messages';
import { resetTotp, type AccountDetail } from './api';

/** Clears a lost phone's TOTP factor; the reason is required and audited. */
export function ResetTotpModal({
  account,
  onClose,
  onDone,
}: {
  account: AccountDetail;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const { submit, isSaving, error } = useFormSubmit(form, async ({ reason }: { reason: string }) => {
    await resetTotp(account.id, reason.trim());
    message.success(t('accounts.totpReset'));
    onDone();
  });

  return (
    <Modal
      open
      title={t('accounts.resetTotpTitle', { name: account.display_name })}
      okText={t('accounts.resetTotp')}
      okButtonProps={{ danger: true, 'data-testid': 'reset-totp-submit' }}
      onOk={() => form.submit()}
      confirmLoading={isSaving}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('accounts.resetTotpNote')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="reason"
          label={t('accounts.resetTotpReason')}
          rules={[
            { required: true, whitespace: true, min: 2, max: 200, message: t('accounts.resetTotpReasonRequired') },
          ]}
        >
          <Input.TextArea rows={2} maxLength={200} showCount data-testid="reset-totp-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
