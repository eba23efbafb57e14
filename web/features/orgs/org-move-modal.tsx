import { Alert, App, Form, Modal } from 'antd';
import { useState } from 'react';
import { canHaveChildType } from '../../../common/org-types';
import { isWithinPath } from '../../../common/tree-path';
import { useFormSubmit } from '../../components/form-errors';
import { t } from './messages';
import { moveOrg, type OrgDetail } from './api';
import { OrgSelect, type OrgOption } from './org-select';
import { RegionCascader } from './region-cascader';

interface Values {
  parent_id: number;
  /** The cascader's path of codes; the API takes the last one. */
  region_code?: string[];
}

/** Moves an org and, with it, its whole subtree; the account's scope follows (DESIGN §4.1). */
export function OrgMoveModal({
  org,
  onClose,
  onMoved,
}: {
  org: OrgDetail;
  onClose: () => void;
  onMoved: (moved: OrgDetail, fromParentId: number | null) => void;
}) {
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [target, setTarget] = useState<OrgOption | undefined>();
  const {
    submit: move,
    isSaving: isMoving,
    error,
  } = useFormSubmit(form, async (parentId: number, regionCode: string | undefined) => {
    onMoved(await moveOrg(org.id, parentId, regionCode), org.parent_id);
  });

  function confirm({ parent_id, region_code }: Values) {
    modal.confirm({
      title: t(org.child_count > 0 ? 'orgs.moveConfirmTitle' : 'orgs.moveConfirmTitleLeaf'),
      content: t(org.child_count > 0 ? 'orgs.moveConfirmBody' : 'orgs.moveConfirmBodyLeaf', {
        name: org.name,
        count: org.child_count,
        target: target?.label ?? '',
      }),
      okText: t('orgs.move'),
      okButtonProps: { danger: true },
      onOk: () => move(parent_id, region_code?.at(-1)),
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
        <Form.Item
          name="parent_id"
          label={t('orgs.newParent')}
          rules={[{ required: true, message: t('orgs.newParentRequired') }]}
        >
          <OrgSelect
            activeOnly
            // Not itself, its subtree or its current parent, and only orgs that may have an org of its type.
            excludeIds={org.parent_id === null ? [org.id] : [org.id, org.parent_id]}
            accept={(candidate) =>
              !isWithinPath(candidate.path, org.path) && canHaveChildType(candidate.type, org.type)
            }
            onChange={(_, option) => {
              setTarget(option);
              form.setFieldValue('region_code', undefined);
            }}
            emptyText={t('orgs.noMoveTargets')}
            testId="org-move-target"
          />
        </Form.Item>
        {/* Elsewhere it needs a region within the new parent's (the server checks); keyed by the
            target, the picker opens at that parent's region and takes a county's at once. */}
        {target?.org && (
          <Form.Item
            name="region_code"
            label={t('orgs.moveRegion')}
            extra={t('orgs.moveRegionHint', { region: org.region_full_name || org.region_code })}
          >
            <RegionCascader
              key={target.org.id}
              within={target.org.type === 'national_federation' ? undefined : target.org.region_code}
              testId="org-move-region"
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
