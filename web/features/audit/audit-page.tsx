import { Button, Card, DatePicker, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { LoadMore } from '../../components/load-more';
import { formatDateTime } from '../../lib/format';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '../../../common/audit-actions';
import { getLang, t } from '../../lib/i18n';
import { useCursorList } from '../../lib/use-cursor-list';
import { listAudit, type AuditEntry, type AuditQuery } from './api';

const FILTER_KEYS = ['action', 'entity_type', 'entity_id', 'account_id', 'from', 'to'] as const;
type Filters = Pick<AuditQuery, (typeof FILTER_KEYS)[number]>;

/** The label of a code from a {zh, en} table, or the code itself when the table does not know it. */
function labelOf(table: Record<string, { zh: string; en: string }>, code: string): string {
  return table[code]?.[getLang()] ?? code;
}

function hasDetails(entry: AuditEntry): boolean {
  return entry.details !== null && entry.details !== undefined && !(typeof entry.details === 'object' && Object.keys(entry.details).length === 0);
}

/** 审计日志: the append-only log, filtered on the server; filters live in the URL so links can pre-filter. */
export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const list = useCursorList<AuditEntry>(params.toString(), (cursor) => listAudit({ ...filters, cursor, limit: 50 }));

  function setFilter(patch: Partial<Filters>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  }

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 150, render: (at: string) => formatDateTime(at) },
    { title: t('audit.actor'), dataIndex: 'actor_label', width: 240, ellipsis: true },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 150,
      render: (action: string) => (
        <Tooltip title={action}>
          <Tag color={action.endsWith('_failed') || action.endsWith('_locked') ? 'red' : undefined}>{labelOf(AUDIT_ACTIONS, action)}</Tag>
        </Tooltip>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      width: 220,
      render: (_, e) => (
        <Typography.Text ellipsis>
          {e.entity_type ? labelOf(AUDIT_ENTITY_TYPES, e.entity_type) : '—'}
          {e.entity_id && <Typography.Text type="secondary"> #{e.entity_id}</Typography.Text>}
        </Typography.Text>
      ),
    },
    { title: t('audit.reason'), dataIndex: 'reason', ellipsis: true, render: (r: string | null) => r || '—' },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (ip: string | null) => ip || '—' },
  ];

  const hasFilters = Object.keys(filters).length > 0;

  return (
    <Card title={t('nav.audit')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          value={filters.action}
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('audit.actionPlaceholder')}
          options={Object.keys(AUDIT_ACTIONS).map((code) => ({ value: code, label: labelOf(AUDIT_ACTIONS, code) }))}
          onChange={(action?: string) => setFilter({ action })}
          style={{ width: 200 }}
          data-testid="audit-action"
        />
        <Select
          value={filters.entity_type}
          allowClear
          placeholder={t('audit.entityTypePlaceholder')}
          options={Object.keys(AUDIT_ENTITY_TYPES).map((code) => ({ value: code, label: labelOf(AUDIT_ENTITY_TYPES, code) }))}
          onChange={(entity_type?: string) => setFilter({ entity_type })}
          style={{ width: 160 }}
          data-testid="audit-entity-type"
        />
        <DatePicker.RangePicker
          value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
          placeholder={[t('audit.from'), t('audit.to')]}
          onChange={(dates) => setFilter({ from: dates?.[0]?.format('YYYY-MM-DD'), to: dates?.[1]?.format('YYYY-MM-DD') })}
        />
        {hasFilters && <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>{t('common.clearFilters')}</Button>}
      </Space>
      {(filters.entity_id || filters.account_id) && (
        <Space style={{ marginBottom: 12 }}>
          {filters.entity_id && <Tag closable onClose={() => setFilter({ entity_id: undefined })}>{t('audit.entity')} #{filters.entity_id}</Tag>}
          {filters.account_id && <Tag closable onClose={() => setFilter({ account_id: undefined })}>{t('audit.actor')} #{filters.account_id}</Tag>}
        </Space>
      )}
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.items}
        loading={list.isLoading}
        pagination={false}
        scroll={{ x: 1000 }}
        expandable={{
          rowExpandable: hasDetails,
          expandedRowRender: (e) => (
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>{JSON.stringify(e.details, null, 2)}</pre>
          ),
        }}
        data-testid="audit-table"
      />
      <LoadMore list={list} />
    </Card>
  );
}
