import { Alert, Form, Input, Modal } from 'antd';
import { useFormSubmit } from '../../components/form-errors';
import { t } from './messages';
import { activateOrg, deactivateOrg, type OrgDetail } from './api';

/** 撤销 needs a written reason for the audit log; 恢复 only a confirmation. */
export function OrgStatusModal({
  org,
  onClose,
  onChanged,
}: {
  org: OrgDetail;
  onClose: () => void;
  onChanged: (org: OrgDetail) => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const isDeactivating = org.status === 'active';

  const { submit, isSaving, error } = useFormSubmit(form, async ({ reason }: { reason?: string }) => {
    onChanged(isDeactivating ? await deactivateOrg(org.id, (reason ?? '').trim()) : await activateOrg(org.id));
  });

  return (
    <Modal
      open
      title={t(isDeactivating ? 'orgs.deactivateTitle' : 'orgs.activateTitle', { name: org.name })}
      okText={t(isDeactivating ? 'orgs.deactivate' : 'orgs.activate')}
      okButtonProps={{ danger: isDeactivating }}
      onOk={() => form.submit()}
      confirmLoading={isSaving}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type={isDeactivating ? 'warning' : 'info'}
        showIcon
        title={t(isDeactivating ? 'orgs.deactivateWarning' : 'orgs.activateNote')}
        style={{ marginBottom: 16 }}
      />
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        {isDeactivating && (
          <Form.Item
            name="reason"
            label={t('orgs.reason')}
            rules={[
              { required: true, whitespace: true, message: t('orgs.reasonRequired') },
              { min: 2, max: 200, message: t('orgs.reasonLength') },
            ]}
          >
            <Input.TextArea rows={3} data-testid="org-status-reason" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
