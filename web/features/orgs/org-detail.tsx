import { EditOutlined, PlusOutlined, StopOutlined, SwapOutlined, UndoOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Descriptions, Result, Skeleton, Space, Tooltip, type DescriptionsProps } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { childTypesOf, EMPLOYER_ORG_TYPES, ORG_TYPE_LABELS } from '../../../common/org-types';
import { parentPath } from '../../../common/tree-path';
import { ErrorAlert } from '../../components/error-alert';
import { formatCount, formatDate, formatDateTime } from '../../lib/format';
import { pickLabel } from '../../lib/i18n';
import { t } from './messages';
import { useRequest } from '../../lib/use-request';
import type { AccountMe } from '../auth/api';
import { hasPermission } from '../auth/permissions';
import { JoinOrgTools } from '../joins/join-org-tools';
import { fetchOrg, type OrgDetail } from './api';
import { OrgFormDrawer, type OrgFormMode } from './org-form-drawer';
import { OrgMoveModal } from './org-move-modal';
import { OrgStatusModal } from './org-status-modal';
import { OrgStatusTag } from './org-status-tag';

export interface OrgChangeHandlers {
  onCreated: (org: OrgDetail) => void;
  /** `notice` says what happened (saved, deactivated, reactivated). */
  onUpdated: (org: OrgDetail, notice: string) => void;
  onMoved: (org: OrgDetail, fromParentId: number | null) => void;
}

type Dialog = OrgFormMode | { kind: 'move' } | { kind: 'status' } | null;

function describe(org: OrgDetail): DescriptionsProps['items'] {
  const text = (v: string | null) => v || '—';
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t('orgs.name'), children: org.name, span: 2 },
    { key: 'short_name', label: t('orgs.shortName'), children: text(org.short_name) },
    { key: 'type', label: t('orgs.type'), children: pickLabel(ORG_TYPE_LABELS[org.type]) },
    { key: 'status', label: t('orgs.status'), children: <OrgStatusTag status={org.status} /> },
    { key: 'level', label: t('orgs.level'), children: org.level },
    {
      key: 'region',
      label: t('orgs.region'),
      children: `${org.region_full_name || org.region_name || ''}（${org.region_code}）`,
      span: 2,
    },
  ];
  if (EMPLOYER_ORG_TYPES.includes(org.type) || org.uscc) {
    items.push({ key: 'uscc', label: t('orgs.uscc'), children: text(org.uscc), span: 2 });
  }
  items.push(
    { key: 'address', label: t('orgs.address'), children: text(org.address), span: 2 },
    {
      key: 'coordinates',
      label: t('orgs.coordinates'),
      children: org.lat !== null && org.lng !== null ? `${org.lat}, ${org.lng}` : '—',
    },
    { key: 'founded_on', label: t('orgs.foundedOn'), children: formatDate(org.founded_on) },
    { key: 'contact_name', label: t('orgs.contactName'), children: text(org.contact_name) },
    { key: 'contact_phone', label: t('orgs.contactPhone'), children: text(org.contact_phone) },
    { key: 'child_count', label: t('orgs.childCount'), children: formatCount(org.child_count) },
    { key: 'updated_at', label: t('orgs.updatedAt'), children: formatDateTime(org.updated_at) },
  );
  return items;
}

export function OrgDetailPane({
  me,
  orgId,
  onLoaded,
  handlers,
}: {
  me: AccountMe;
  orgId: number;
  onLoaded: (org: OrgDetail) => void;
  handlers: OrgChangeHandlers;
}) {
  const detail = useRequest(String(orgId), () => fetchOrg(orgId));
  const [dialog, setDialog] = useState<Dialog>(null);
  const org = detail.data?.id === orgId ? detail.data : null;

  useEffect(() => {
    if (org) onLoaded(org);
  }, [org, onLoaded]);

  if (detail.error?.code === 'not_found') {
    return (
      <Card>
        <Result status="404" title={t('orgs.notFound')} />
      </Card>
    );
  }
  if (detail.error)
    return (
      <Card>
        <ErrorAlert error={detail.error} onRetry={detail.reload} />
      </Card>
    );
  if (!org)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );

  const place = { id: org.id, ancestorIds: org.ancestors.map((a) => a.id), path: org.path };
  const canManage = hasPermission(me, 'orgs.manage', place);
  const isActive = org.status === 'active';
  const close = () => setDialog(null);
  const saved = (next: OrgDetail) => {
    detail.setData(next);
    close();
  };

  const isRoot = org.parent_id === null;
  // Moving an org or changing its status is its parent's business: an account does not move or
  // deactivate its own grant root unless it also manages the parent (the server refuses it).
  const canManageParent =
    org.parent_id !== null &&
    hasPermission(me, 'orgs.manage', {
      id: org.parent_id,
      ancestorIds: org.ancestors.map((a) => a.id).filter((id) => id !== org.parent_id),
      path: parentPath(org.path) ?? undefined,
    });
  const mayHaveChildren = childTypesOf(org.type).length > 0;
  const createBlocked = !isActive
    ? t('orgs.inactiveNoChildren')
    : !mayHaveChildren
      ? t('orgs.noChildTypes', { type: pickLabel(ORG_TYPE_LABELS[org.type]) })
      : undefined;
  const actions = canManage && (
    <Space wrap>
      <Tooltip title={createBlocked}>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          disabled={createBlocked !== undefined}
          onClick={() => setDialog({ kind: 'create', parent: org })}
          data-testid="org-create-button"
        >
          {t('orgs.createChild')}
        </Button>
      </Tooltip>
      <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit', org })} data-testid="org-edit-button">
        {t('common.edit')}
      </Button>
      {/* The deployment's root can be neither moved nor deactivated (the server refuses both). */}
      {!isRoot && canManageParent && (
        <Button icon={<SwapOutlined />} onClick={() => setDialog({ kind: 'move' })} data-testid="org-move-button">
          {t('orgs.move')}
        </Button>
      )}
      {!isRoot && canManageParent && (
        <Button
          danger={isActive}
          icon={isActive ? <StopOutlined /> : <UndoOutlined />}
          onClick={() => setDialog({ kind: 'status' })}
          data-testid="org-status-button"
        >
          {t(isActive ? 'orgs.deactivate' : 'orgs.activate')}
        </Button>
      )}
    </Space>
  );

  return (
    <Card data-testid="org-detail" title={org.name} extra={actions}>
      <Breadcrumb
        style={{ marginBottom: 16 }}
        items={[
          ...org.ancestors.map((a) => ({ key: a.id, title: <Link to={`/orgs/${a.id}`}>{a.name}</Link> })),
          { key: org.id, title: org.short_name || org.name },
        ]}
      />
      <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} items={describe(org)} />
      {isActive && hasPermission(me, 'joins.review', place) && (
        <JoinOrgTools orgId={org.id} isPool={org.type === 'holding_pool'} />
      )}

      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <OrgFormDrawer
          mode={dialog}
          canManageParent={canManageParent}
          onClose={close}
          onSaved={(next) => {
            if (dialog.kind === 'create') {
              close();
              handlers.onCreated(next);
            } else {
              saved(next);
              handlers.onUpdated(next, t('common.saved'));
            }
          }}
        />
      )}
      {dialog?.kind === 'move' && (
        <OrgMoveModal
          org={org}
          onClose={close}
          onMoved={(next, from) => {
            saved(next);
            handlers.onMoved(next, from);
          }}
        />
      )}
      {dialog?.kind === 'status' && (
        <OrgStatusModal
          org={org}
          onClose={close}
          onChanged={(next) => {
            saved(next);
            handlers.onUpdated(
              next,
              t(next.status === 'active' ? 'orgs.activated' : 'orgs.deactivated', { name: next.name }),
            );
          }}
        />
      )}
    </Card>
  );
}
