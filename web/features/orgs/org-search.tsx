import { Empty, Input, Skeleton, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { ORG_TYPE_LABELS } from '../../../common/org-types';
import { ErrorAlert } from '../../components/error-alert';
import { LoadMore } from '../../components/load-more';
import { pickLabel } from '../../lib/i18n';
import { t } from './messages';
import { useCursorList } from '../../lib/use-cursor-list';
import { listOrgs, type OrgListItem } from './api';
import { OrgStatusTag } from './org-status-tag';

/** Searches the whole scope by name, pinyin or initials; shows `children` (the tree) when idle. */
export function OrgSearch({ onOpen, children }: { onOpen: (orgId: number) => void; children: ReactNode }) {
  const [q, setQ] = useState('');
  return (
    <>
      <Input.Search
        data-testid="org-search"
        placeholder={t('orgs.searchPlaceholder')}
        allowClear
        enterButton
        onSearch={(value) => setQ(value.trim())}
        onChange={(e) => e.target.value === '' && setQ('')}
        style={{ marginBottom: 12 }}
      />
      {q ? <SearchResults q={q} onOpen={onOpen} /> : children}
    </>
  );
}

function SearchResults({ q, onOpen }: { q: string; onOpen: (orgId: number) => void }) {
  const list = useCursorList<OrgListItem>(q, (cursor) => listOrgs({ q, cursor, limit: 20 }));
  if (list.isLoading) return <Skeleton active paragraph={{ rows: 5 }} />;
  if (list.error && list.items.length === 0) return <ErrorAlert error={list.error} onRetry={list.reload} />;
  if (list.items.length === 0) return <Empty description={t('orgs.searchEmpty')} />;

  return (
    <div data-testid="org-search-results">
      {list.items.map((org) => (
        <button
          key={org.id}
          type="button"
          onClick={() => onOpen(org.id)}
          style={{
            display: 'block',
            width: '100%',
            textAlign: 'left',
            padding: '8px 4px',
            background: 'none',
            border: 0,
            borderBottom: '1px solid #f0f0f0',
            cursor: 'pointer',
          }}
        >
          <Typography.Text strong>{org.name}</Typography.Text>{' '}
          {org.status === 'inactive' && <OrgStatusTag status={org.status} />}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[pickLabel(ORG_TYPE_LABELS[org.type]), org.region_name].filter(Boolean).join(' · ')}
          </Typography.Text>
        </button>
      ))}
      <ErrorAlert error={list.error} />
      <LoadMore list={list} />
    </div>
  );
}
