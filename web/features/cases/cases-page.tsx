import { Button, Card, Checkbox, DatePicker, Input, Segmented, Select, Space, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  CASE_CATEGORIES,
  CASE_CHANNELS,
  CASE_KIND_LABELS,
  CASE_KINDS,
  CATEGORY_LABELS,
  type CaseCategory,
  type CaseChannel,
  type CaseKind,
} from '../../../common/cases';
import { CursorTable } from '../../components/cursor-table';
import { formatDate, formatDateTime } from '../../lib/format';
import { useCursorList } from '../../lib/use-cursor-list';
import type { AccountMe } from '../auth/api';
import { hasPermission } from '../auth/permissions';
import { OrgSelect, rootOptionOf } from '../orgs/org-select';
import { CASES_CHANGED, fetchCaseCounts, listCases, type CaseCounts, type CaseListItem, type CaseQueue } from './api';
import { CaseTags, LightDot } from './case-bits';
import { CaseDrawer } from './case-drawer';
import { subjectLabel, type Light } from './case-model';
import { t } from './messages';

interface SectionProps {
  me: AccountMe;
  rootId: number;
}

type Tab = Exclude<CaseQueue, 'mine'> | 'all';

interface Filters {
  q?: string;
  kind?: CaseKind;
  category?: CaseCategory;
  light?: Exclude<Light, 'none'>;
  channel?: CaseChannel;
  emergency?: boolean;
  org_id?: number;
  received_from?: string;
  received_to?: string;
}

/** The numbers beside the tabs (publicised and all have none). */
const COUNTED: Partial<Record<Tab, keyof CaseCounts>> = {
  dispatch: 'dispatch',
  handle: 'handle',
  review: 'review',
  requests: 'requests',
  overdue: 'overdue',
};

/** An upper union's supervisor looks at what is late first; everyone else at their own queue. */
function tabsFor(me: AccountMe): Tab[] {
  const base: Tab[] = ['dispatch', 'handle', 'review', 'requests', 'overdue', 'publicised', 'all'];
  if (hasPermission(me, 'cases.supervise')) return ['overdue', ...base.filter((q) => q !== 'overdue')];
  if (!hasPermission(me, 'cases.dispatch')) return ['handle', ...base.filter((q) => q !== 'handle')];
  return base;
}

const KIND_OPTIONS = CASE_KINDS.map((k) => ({ value: k, label: CASE_KIND_LABELS[k] }));
const CATEGORY_OPTIONS = CASE_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }));
const LIGHT_OPTIONS = (['red', 'yellow', 'green'] as const).map((l) => ({ value: l, label: t(`cases.light.${l}`) }));
const CHANNEL_OPTIONS = CASE_CHANNELS.map((c) => ({ value: c, label: t(`cases.channel.${c}`) }));

/** 工单办理 (/admin/cases), with one case open over it (/admin/cases/:id). */
export function CasesPage(props: SectionProps) {
  const { id } = useParams();
  const openId = id && /^\d+$/.test(id) ? Number(id) : null;
  return <CaseQueuesPage {...props} openId={openId} />;
}

function CaseQueuesPage({ me, rootId, openId }: SectionProps & { openId: number | null }) {
  const navigate = useNavigate();
  const tabs = useMemo(() => tabsFor(me), [me]);
  const [tab, setTab] = useState<Tab>(tabs[0]!);
  const [filters, setFilters] = useState<Filters>({});
  const [sort, setSort] = useState<'due' | 'received'>('due');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [searchText, setSearchText] = useState('');
  const [counts, setCounts] = useState<CaseCounts | null>(null);
  const list = useCursorList<CaseListItem>(JSON.stringify({ tab, filters, sort }), (cursor) =>
    listCases({ ...filters, queue: tab === 'all' ? undefined : tab, sort, cursor }),
  );
  const filtered = Object.values(filters).some((v) => v !== undefined);

  const refreshCounts = useCallback(() => {
    fetchCaseCounts().then(setCounts, () => setCounts(null));
  }, []);
  useEffect(refreshCounts, [refreshCounts]);

  const set = (change: Filters) => setFilters((f) => ({ ...f, ...change }));
  const open = (id: number) => navigate(`/cases/${id}`);
  const changed = () => {
    list.reload();
    refreshCounts();
    window.dispatchEvent(new Event(CASES_CHANGED));
  };

  const columns: TableColumnsType<CaseListItem> = [
    {
      title: t('cases.col.no'),
      width: 165,
      render: (_, row) => (
        <Space orientation="vertical" size={2}>
          <Typography.Link onClick={() => open(row.id)} data-testid={`case-link-${row.id}`} strong>
            {row.tracking_no}
          </Typography.Link>
          <CaseTags kase={row} />
        </Space>
      ),
    },
    {
      title: t('cases.col.kind'),
      width: 120,
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          <span>{CASE_KIND_LABELS[row.kind]}</span>
          <Typography.Text type="secondary">{subjectLabel(row.subject)}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('cases.col.due'),
      width: 110,
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          <span style={{ whiteSpace: 'nowrap' }}>{formatDate(row.due_date)}</span>
          {row.light !== 'none' && <LightDot light={row.light} />}
        </Space>
      ),
    },
    {
      title: t('cases.col.status'),
      width: 90,
      render: (_, row) => <span style={{ whiteSpace: 'nowrap' }}>{row.status_label}</span>,
    },
    { title: t('cases.col.requester'), width: 80, render: (_, row) => row.requester },
    { title: t('cases.col.employer'), render: (_, row) => row.employer_name ?? t('cases.none') },
    {
      title: t('cases.col.org'),
      render: (_, row) =>
        row.handling_org ? (
          row.handling_org.name
        ) : (
          <Typography.Text type="secondary">
            <div>{t('cases.notDispatched')}</div>
            <div>{t('cases.receivingOnly', { org: row.receiving_org.name })}</div>
          </Typography.Text>
        ),
    },
    {
      title: t('cases.col.received'),
      width: 140,
      render: (_, row) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.received_at)}</span>,
    },
    {
      title: t('common.actions'),
      width: 80,
      fixed: 'right',
      render: (_, row) => (
        <Button size="small" type="primary" ghost onClick={() => open(row.id)} data-testid={`case-open-${row.id}`}>
          {t('cases.open')}
        </Button>
      ),
    },
  ];

  const countOf = (q: Tab) => {
    const key = COUNTED[q];
    return key && counts ? counts[key] : undefined;
  };

  return (
    <Card
      title={t('cases.title')}
      data-testid="cases-page"
      extra={
        hasPermission(me, 'cases.intake') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate('/case-intake')}
            data-testid="case-new"
          >
            {t('cases.new')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('cases.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as Tab)}
        items={tabs.map((q) => ({
          key: q,
          label: (
            <span data-testid={`case-tab-${q}`}>
              {t(`cases.tab.${q}`)}
              {countOf(q) ? ` (${countOf(q)! >= counts!.cap ? `${counts!.cap}+` : countOf(q)})` : ''}
            </span>
          ),
        }))}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('cases.search')}
          value={searchText}
          onChange={(e) => setSearchText(e.target.value)}
          onSearch={(text) => set({ q: text.trim() || undefined })}
          style={{ width: 220 }}
          data-testid="case-search"
        />
        <Select<CaseKind>
          allowClear
          placeholder={t('cases.filterKind')}
          value={filters.kind}
          onChange={(kind) => set({ kind })}
          options={KIND_OPTIONS}
          style={{ width: 150 }}
          data-testid="case-filter-kind"
        />
        <Select<CaseCategory>
          allowClear
          placeholder={t('cases.filterCategory')}
          value={filters.category}
          onChange={(category) => set({ category })}
          options={CATEGORY_OPTIONS}
          style={{ width: 110 }}
        />
        <Select<Exclude<Light, 'none'>>
          allowClear
          placeholder={t('cases.filterLight')}
          value={filters.light}
          onChange={(light) => set({ light })}
          options={LIGHT_OPTIONS}
          style={{ width: 110 }}
        />
        <Select<CaseChannel>
          allowClear
          placeholder={t('cases.filterChannel')}
          value={filters.channel}
          onChange={(channel) => set({ channel })}
          options={CHANNEL_OPTIONS}
          style={{ width: 120 }}
        />
        <OrgSelect
          value={filters.org_id}
          initialOption={rootOptionOf(me, rootId)}
          allowClear
          placeholder={t('cases.col.org')}
          onChange={(org_id) => set({ org_id })}
          style={{ width: 220 }}
        />
        <DatePicker.RangePicker
          value={range}
          placeholder={[t('cases.receivedFrom'), t('cases.receivedTo')]}
          onChange={(dates) => {
            setRange(dates);
            set({
              received_from: dates?.[0]?.format('YYYY-MM-DD'),
              received_to: dates?.[1]?.format('YYYY-MM-DD'),
            });
          }}
          style={{ width: 240 }}
        />
        <Checkbox
          checked={filters.emergency === true}
          onChange={(e) => set({ emergency: e.target.checked || undefined })}
        >
          {t('cases.filterEmergency')}
        </Checkbox>
        <Segmented<'due' | 'received'>
          value={sort}
          onChange={setSort}
          options={[
            { value: 'due', label: t('cases.sortDue') },
            { value: 'received', label: t('cases.sortReceived') },
          ]}
        />
        {filtered && (
          <Button
            type="link"
            onClick={() => {
              setFilters({});
              setRange(null);
              setSearchText('');
            }}
          >
            {t('common.clearFilters')}
          </Button>
        )}
      </Space>
      <CursorTable<CaseListItem>
        list={list}
        columns={columns}
        scroll={{ x: 1060 }}
        locale={{ emptyText: filtered ? t('cases.emptyFiltered') : t('cases.empty') }}
        onRow={(row) => ({ onDoubleClick: () => open(row.id) })}
        data-testid="cases-table"
      />
      {openId !== null && <CaseDrawer id={openId} me={me} onClose={() => navigate('/cases')} onChanged={changed} />}
    </Card>
  );
}
