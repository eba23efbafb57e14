import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { applyFieldErrors } from '../../components/form-errors';
import type { ApiError } from '../../lib/http';
import { t } from '../../lib/i18n';
import { activateOrg, deactivateOrg, type OrgDetail } from './api';

/** 撤销 needs a written reason for the audit log; 恢复 only a confirmation. */
export function OrgStatusModal({ org, onClose, onChanged }: {
  org: OrgDetail;
  onClose: () => void;
  onChanged: (org: OrgDetail) => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<ApiError | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const isDeactivating = org.status === 'active';

  async function submit({ reason }: { reason?: string }) {
    setIsSaving(true);
    setError(null);
    try {
      onChanged(isDeactivating ? await deactivateOrg(org.id, (reason ?? '').trim()) : await activateOrg(org.id));
    } catch (err) {
      setError(applyFieldErrors(form, err));
    } finally {
      setIsSaving(false);
    }
  }

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
            rules={[{ required: true, whitespace: true, message: t('orgs.reasonRequired') }, { min: 2, max: 200, message: t('orgs.reasonLength') }]}
          >
            <Input.TextArea rows={3} data-testid="org-status-reason" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
