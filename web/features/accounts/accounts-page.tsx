import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { CursorTable } from '../../components/cursor-table';
import { formatDateTime } from '../../lib/format';
import { t } from './messages';
import { useCursorList } from '../../lib/use-cursor-list';
import type { AccountMe } from '../auth/api';
import { OrgSelect, rootOptionOf } from '../orgs/org-select';
import { listAccounts, type AccountListItem, type AccountQuery, type AccountStatus } from './api';
import { AccountCreateModal } from './account-create-modal';
import { AccountDrawer } from './account-drawer';
import { AccountStatusTag } from './account-status-tag';

type Filters = Pick<AccountQuery, 'q' | 'status' | 'org_id'>;

/** 账号与授权: cadre accounts in scope, filtered on the server, with their grants in a drawer. */
export function AccountsPage({ me, rootId }: { me: AccountMe; rootId: number }) {
  return <AccountsWorkspace key={rootId} me={me} rootId={rootId} />;
}

function AccountsWorkspace({ me, rootId }: { me: AccountMe; rootId: number }) {
  const rootOption = rootOptionOf(me, rootId);
  const [filters, setFilters] = useState<Filters>({ org_id: rootId });
  const [isCreating, setIsCreating] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const list = useCursorList<AccountListItem>(JSON.stringify(filters), (cursor) =>
    listAccounts({ ...filters, cursor, limit: 20 }),
  );

  const columns: TableColumnsType<AccountListItem> = [
    {
      title: t('accounts.username'),
      dataIndex: 'username',
      render: (username: string, row) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpenId(row.id)}>
          {username}
        </Button>
      ),
    },
    { title: t('accounts.displayName'), dataIndex: 'display_name' },
    { title: t('accounts.org'), dataIndex: 'org_name', ellipsis: true },
    {
      title: t('accounts.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: AccountStatus) => <AccountStatusTag status={s} />,
    },
    {
      title: t('accounts.totp'),
      dataIndex: 'totp_enabled',
      width: 100,
      render: (on: boolean) =>
        on ? <Tag color="blue">{t('accounts.totpOn')}</Tag> : <Tag>{t('accounts.totpOff')}</Tag>,
    },
    {
      title: t('accounts.lastLogin'),
      dataIndex: 'last_login_at',
      width: 150,
      render: (at: string | null) => formatDateTime(at),
    },
    { title: t('accounts.grantCount'), dataIndex: 'grant_count', width: 90, align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, row) => (
        <Button size="small" onClick={() => setOpenId(row.id)}>
          {t('common.details')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      title={t('accounts.title')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setIsCreating(true)}
          data-testid="account-create-button"
        >
          {t('accounts.create')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('accounts.searchPlaceholder')}
          onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
          style={{ width: 240 }}
          data-testid="account-search"
        />
        <Select<AccountStatus>
          allowClear
          placeholder={t('accounts.status')}
          value={filters.status}
          onChange={(status) => setFilters((f) => ({ ...f, status }))}
          options={[
            { value: 'active', label: t('accounts.active') },
            { value: 'disabled', label: t('accounts.disabled') },
          ]}
          style={{ width: 120 }}
        />
        <OrgSelect
          value={filters.org_id}
          initialOption={rootOption}
          allowClear
          placeholder={t('accounts.orgFilter')}
          onChange={(org_id) => setFilters((f) => ({ ...f, org_id }))}
          style={{ width: 280 }}
        />
      </Space>
      <CursorTable<AccountListItem> list={list} columns={columns} scroll={{ x: 900 }} data-testid="accounts-table" />

      {isCreating && (
        <AccountCreateModal
          defaultOrg={filters.org_id === rootId ? rootOption : undefined}
          onClose={() => setIsCreating(false)}
          onCreated={(account) => {
            setIsCreating(false);
            list.reload();
            setOpenId(account.id);
          }}
        />
      )}
      {openId && <AccountDrawer me={me} accountId={openId} onClose={() => setOpenId(null)} onChanged={list.reload} />}
    </Card>
  );
}
