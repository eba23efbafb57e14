import { Alert, App, Form, Modal } from 'antd';
import { useState } from 'react';
import { applyFieldErrors } from '../../components/form-errors';
import type { ApiError } from '../../lib/http';
import { t } from '../../lib/i18n';
import { moveOrg, type OrgDetail } from './api';
import { OrgSelect, type OrgOption } from './org-select';

/** Moves an org and, with it, its whole subtree; the account's scope follows (DESIGN §4.1). */
export function OrgMoveModal({ org, onClose, onMoved }: {
  org: OrgDetail;
  onClose: () => void;
  onMoved: (moved: OrgDetail, fromParentId: number | null) => void;
}) {
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ parent_id: number }>();
  const [target, setTarget] = useState<OrgOption | undefined>();
  const [error, setError] = useState<ApiError | null>(null);
  const [isMoving, setIsMoving] = useState(false);

  async function move(parentId: number) {
    setIsMoving(true);
    setError(null);
    try {
      onMoved(await moveOrg(org.id, parentId), org.parent_id);
    } catch (err) {
      setError(applyFieldErrors(form, err));
    } finally {
      setIsMoving(false);
    }
  }

  function confirm({ parent_id }: { parent_id: number }) {
    modal.confirm({
      title: t('orgs.moveConfirmTitle'),
      content: t(org.child_count > 0 ? 'orgs.moveConfirmBody' : 'orgs.moveConfirmBodyLeaf', {
        name: org.name,
        count: org.child_count,
        target: target?.label ?? '',
      }),
      okText: t('orgs.move'),
      okButtonProps: { danger: true },
      onOk: () => move(parent_id),
    });
  }

  return (
    <Modal
      open
      title={t('orgs.moveTitle', { name: org.name })}
      okText={t('orgs.move')}
      onOk={() => form.submit()}
      confirmLoading={isMoving}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('orgs.moveWarning')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={confirm}>
        <Form.Item name="parent_id" label={t('orgs.newParent')} rules={[{ required: true, message: t('orgs.newParentRequired') }]}>
          <OrgSelect activeOnly excludeIds={[org.id]} onChange={(_, option) => setTarget(option)} testId="org-move-target" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
