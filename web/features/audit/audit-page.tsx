import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { CursorTable } from '../../components/cursor-table';
import { formatDateTime } from '../../lib/format';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '../../../common/audit-actions';
import { getLang } from '../../lib/i18n';
import { t } from './messages';
import { useCursorList } from '../../lib/use-cursor-list';
import { useRequest } from '../../lib/use-request';
import { listRoles } from '../accounts/api';
import { listAudit, type AuditEntry } from './api';
import { describeDetails, type NameBook } from './audit-details';
import { readFilters, type AuditFilters } from './audit-filters';

type Label = { zh: string; en: string };

/** The label of a code from a {zh, en} table, or the code itself when the table does not know it. */
function labelOf(table: Record<string, Label>, code: string): string {
  return table[code]?.[getLang()] ?? code;
}

function hasDetails(entry: AuditEntry): boolean {
  return (
    entry.details !== null &&
    entry.details !== undefined &&
    !(typeof entry.details === 'object' && Object.keys(entry.details).length === 0)
  );
}

/** An entry's details as a labelled list; edits list each field as "原值 → 新值". */
function AuditDetails({ entry, roleNames }: { entry: AuditEntry; roleNames: Record<string, Label> }) {
  const book: NameBook = { lang: getLang(), orgNames: entry.org_names, roleNames };
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      style={{ maxWidth: 880 }}
      data-testid="audit-details"
      items={describeDetails(entry.details, book).map((line) => ({
        key: line.key,
        label: line.label,
        children: line.items ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {line.items.map((item) => (
              <li key={item.key}>
                {item.label}: {item.text}
              </li>
            ))}
          </ul>
        ) : (
          line.text
        ),
      }))}
    />
  );
}

/** 审计日志: the append-only log, filtered on the server; filters live in the URL so links can pre-filter. */
export function AuditPage() {
  const [params, setParams] = useSearchParams();
  // A value the API would refuse (a mistyped date in a link) is ignored rather than shown as an error.
  const filters = readFilters(params);
  const filterKey = new URLSearchParams(filters as Record<string, string>).toString();
  const list = useCursorList<AuditEntry>(filterKey, (cursor) => listAudit({ ...filters, cursor, limit: 50 }));
  // Role names for role entries and grant details; without them the codes show.
  const roles = useRequest('roles', listRoles);
  const { roleNamesByCode, roleNamesById } = useMemo(() => {
    const items = roles.data?.items ?? [];
    return {
      roleNamesByCode: Object.fromEntries(items.map((r) => [r.code, { zh: r.name, en: r.name_en || r.name }])),
      roleNamesById: Object.fromEntries(items.map((r) => [String(r.id), { zh: r.name, en: r.name_en || r.name }])),
    };
  }, [roles.data]);

  function setFilter(patch: Partial<AuditFilters>) {
    // From the filters as read, so a value that was ignored leaves the URL with the first change.
    const next = new URLSearchParams(filterKey);
    for (const [key, value] of Object.entries(patch)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  }

  function entityName(e: AuditEntry): string | null {
    if (e.entity_name) return e.entity_name;
    const role = e.entity_type === 'role' && e.entity_id ? roleNamesById[e.entity_id] : undefined;
    return role ? role[getLang()] : null;
  }

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 150, render: (at: string) => formatDateTime(at) },
    { title: t('audit.actor'), dataIndex: 'actor_label', width: 220, ellipsis: true },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 150,
      render: (action: string) => (
        <Tooltip title={action}>
          <Tag color={action.endsWith('_failed') || action.endsWith('_locked') ? 'red' : undefined}>
            {labelOf(AUDIT_ACTIONS, action)}
          </Tag>
        </Tooltip>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      width: 300,
      render: (_, e) => {
        if (!e.entity_type) return '—';
        const name = entityName(e);
        const type = labelOf(AUDIT_ENTITY_TYPES, e.entity_type);
        return (
          <Tooltip title={name ?? undefined}>
            <Typography.Text ellipsis style={{ maxWidth: '100%' }} data-testid="audit-entity">
              <Typography.Text type="secondary">{type}</Typography.Text>
              {name && <> {name}</>}
              {e.entity_id && <Typography.Text type="secondary"> #{e.entity_id}</Typography.Text>}
            </Typography.Text>
          </Tooltip>
        );
      },
    },
    { title: t('audit.reason'), dataIndex: 'reason', ellipsis: true, render: (r: string | null) => r || '—' },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (ip: string | null) => ip || '—' },
  ];

  const hasFilters = Object.keys(filters).length > 0;

  return (
    <Card title={t('audit.title')}>
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
          options={Object.keys(AUDIT_ENTITY_TYPES).map((code) => ({
            value: code,
            label: labelOf(AUDIT_ENTITY_TYPES, code),
          }))}
          onChange={(entity_type?: string) => setFilter({ entity_type })}
          style={{ width: 160 }}
          data-testid="audit-entity-type"
        />
        <DatePicker.RangePicker
          value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
          placeholder={[t('audit.from'), t('audit.to')]}
          onChange={(dates) =>
            setFilter({ from: dates?.[0]?.format('YYYY-MM-DD'), to: dates?.[1]?.format('YYYY-MM-DD') })
          }
        />
        {hasFilters && (
          <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            {t('common.clearFilters')}
          </Button>
        )}
      </Space>
      {(filters.entity_id || filters.account_id) && (
        <Space style={{ marginBottom: 12 }}>
          {filters.entity_id && (
            <Tag closable onClose={() => setFilter({ entity_id: undefined })}>
              {t('audit.entity')} #{filters.entity_id}
            </Tag>
          )}
          {filters.account_id && (
            <Tag closable onClose={() => setFilter({ account_id: undefined })}>
              {t('audit.actor')} #{filters.account_id}
            </Tag>
          )}
        </Space>
      )}
      <CursorTable<AuditEntry>
        list={list}
        columns={columns}
        scroll={{ x: 1100 }}
        expandable={{
          rowExpandable: hasDetails,
          expandedRowRender: (e) => <AuditDetails entry={e} roleNames={roleNamesByCode} />,
        }}
        data-testid="audit-table"
      />
    </Card>
  );
}
