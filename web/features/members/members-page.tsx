import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { MEMBER_STATUSES, OCCUPATIONS, type MemberStatus, type Occupation } from '../../../common/members';
import { CursorTable } from '../../components/cursor-table';
import { useCursorList } from '../../lib/use-cursor-list';
import type { AccountMe } from '../auth/api';
import { hasPermission } from '../auth/permissions';
import { ExportButton } from '../imports/export-button';
import { ImportWizard } from '../imports/import-wizard';
import { rootOptionOf } from '../orgs/org-select';
import { listMembers, lookupMembers, type MemberListItem, type MemberQuery } from './api';
import { MemberDrawer } from './member-drawer';
import { MemberFilterBar } from './member-filters';
import { MemberFormModal } from './member-form-modal';
import { t } from './messages';

type Filters = Pick<MemberQuery, 'q' | 'org_id' | 'occupation' | 'status' | 'is_new_form'> & {
  /** An exact ID number or phone: searched through the blind index, in a POST body. */
  exact?: { id_number?: string; phone?: string };
};

/** Digits (and a final X) only: an ID number or a phone, not a name. */
function exactOf(text: string): Filters['exact'] {
  const compact = text.replace(/\s+/g, '');
  if (/^1\d{10}$/.test(compact)) return { phone: compact };
  if (/^\d{15}$|^\d{17}[\dXx]$/.test(compact)) return { id_number: compact };
  return undefined;
}

/** 会员管理: members in scope, filtered on the server, masked, with the profile in a drawer. */
export function MembersPage({ me, rootId }: { me: AccountMe; rootId: number }) {
  const rootOption = rootOptionOf(me, rootId);
  const [filters, setFilters] = useState<Filters>({ org_id: rootId });
  const [openId, setOpenId] = useState<number | null>(null);
  const [isCreating, setIsCreating] = useState(false);
  const [isImporting, setIsImporting] = useState(false);
  const canManage = hasPermission(me, 'members.manage');
  const list = useCursorList<MemberListItem>(JSON.stringify(filters), async (cursor) => {
    if (filters.exact) return { ...(await lookupMembers(filters.exact)), next_cursor: null };
    const { exact: _exact, ...query } = filters;
    return listMembers({ ...query, cursor, limit: 30 });
  });

  const columns: TableColumnsType<MemberListItem> = [
    { title: t('members.memberNo'), dataIndex: 'member_no', width: 140 },
    {
      title: t('members.name'),
      dataIndex: 'name_masked',
      render: (name: string, row) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpenId(row.id)}>
          {name}
        </Button>
      ),
    },
    { title: t('members.idNumber'), dataIndex: 'id_masked', width: 190 },
    { title: t('members.phone'), dataIndex: 'phone_masked', width: 130 },
    { title: t('members.org'), dataIndex: 'org_name', ellipsis: true },
    { title: t('members.occupation'), dataIndex: 'occupation', render: (o: Occupation) => OCCUPATIONS[o] },
    { title: t('members.platform'), dataIndex: 'platform', width: 90 },
    { title: t('members.status'), dataIndex: 'status', width: 80, render: (s: MemberStatus) => MEMBER_STATUSES[s] },
    { title: t('members.joinedOn'), dataIndex: 'joined_on', width: 110 },
  ];

  const { exact, ...exportFilters } = filters;
  const actions = (
    <Space>
      {canManage && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setIsCreating(true)} data-testid="member-create">
          {t('members.create')}
        </Button>
      )}
      {canManage && (
        <Button icon={<UploadOutlined />} onClick={() => setIsImporting(true)} data-testid="import-open">
          {t('members.import')}
        </Button>
      )}
      {hasPermission(me, 'members.export') && (
        <ExportButton
          path="/members"
          filters={exportFilters}
          canUnmask={hasPermission(me, 'members.unmask')}
          disabled={exact !== undefined}
        />
      )}
    </Space>
  );

  return (
    <Card title={t('members.title')} extra={actions}>
      <MemberFilterBar
        value={filters}
        onChange={(change) => setFilters((f) => ({ ...f, ...change }))}
        rootOption={rootOption}
        leading={
          <Input.Search
            allowClear
            placeholder={t('members.searchPlaceholder')}
            onSearch={(text) => {
              const exact = exactOf(text);
              setFilters((f) => ({ ...f, exact, q: exact ? undefined : text.trim() || undefined }));
            }}
            style={{ width: 340 }}
            data-testid="member-search"
          />
        }
      >
        <Select<MemberStatus>
          allowClear
          placeholder={t('members.status')}
          value={filters.status}
          onChange={(status) => setFilters((f) => ({ ...f, status }))}
          options={Object.entries(MEMBER_STATUSES).map(([value, label]) => ({ value: value as MemberStatus, label }))}
          style={{ width: 110 }}
        />
        <Select<'yes' | 'no'>
          allowClear
          placeholder={t('members.newForm')}
          value={filters.is_new_form === undefined ? undefined : filters.is_new_form ? 'yes' : 'no'}
          onChange={(v) => setFilters((f) => ({ ...f, is_new_form: v === undefined ? undefined : v === 'yes' }))}
          options={[
            { value: 'yes', label: t('members.newFormYes') },
            { value: 'no', label: t('members.newFormNo') },
          ]}
          style={{ width: 140 }}
        />
      </MemberFilterBar>
      <CursorTable<MemberListItem> list={list} columns={columns} scroll={{ x: 1100 }} data-testid="members-table" />
      {openId !== null && (
        <MemberDrawer
          id={openId}
          canUnmask={hasPermission(me, 'members.unmask')}
          canManage={canManage}
          onClose={() => setOpenId(null)}
          onChanged={list.reload}
        />
      )}
      {isCreating && (
        <MemberFormModal
          mode={{ kind: 'create' }}
          onClose={() => setIsCreating(false)}
          onSaved={(m) => {
            setIsCreating(false);
            list.reload();
            setOpenId(m.id);
          }}
        />
      )}
      {isImporting && (
        <ImportWizard
          kind="members.roster"
          title={t('members.rosterTitle')}
          initialOrg={rootOption}
          onClose={() => setIsImporting(false)}
          onImported={list.reload}
        />
      )}
    </Card>
  );
}
