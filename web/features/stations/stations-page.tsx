import { PlusOutlined, QrcodeOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Input, Segmented, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  AMENITIES,
  STATION_AWARDS,
  STATION_KINDS,
  STATION_STATUSES,
  type Amenity,
  type StationKind,
  type StationStatus,
} from '../../../common/stations';
import { CursorTable } from '../../components/cursor-table';
import { useCursorList } from '../../lib/use-cursor-list';
import type { AccountMe } from '../auth/api';
import { hasPermission } from '../auth/permissions';
import { ExportButton } from '../imports/export-button';
import { ImportWizard } from '../imports/import-wizard';
import { OrgSelect, rootOptionOf } from '../orgs/org-select';
import { listStations, type StationFilters, type StationItem } from './api';
import { t } from './messages';
import { StationDrawer, type StationDrawerMode } from './station-drawer';
import { StationMap } from './station-map';
import { StationPoster } from './station-poster';

const STATUS_COLOUR: Record<StationStatus, string> = {
  open: 'green',
  temporarily_closed: 'orange',
  retired: 'default',
};
const KIND_SHORT = (k: StationKind) => STATION_KINDS[k].replace(/（.*）/, '');
/** Where the form's map opens for a new station when the list has none to go by: 上饶市信州区. */
const DEFAULT_NEAR = { lat: 28.4548, lng: 117.9659 };

/**
 * 驿站管理: the registry in the caller's scope, filtered on the server, as a list or a clustered
 * map; the create/edit drawer; import, export and each station's QR poster. A keeper sees the
 * stations they keep, and only the buttons they may use.
 */
export function StationsPage({ me, rootId }: { me: AccountMe; rootId: number }) {
  const { view, id } = useParams();
  if (view === 'poster' && id && /^\d+$/.test(id)) return <StationPoster id={Number(id)} />;
  return <StationRegistry me={me} rootId={rootId} />;
}

function StationRegistry({ me, rootId }: { me: AccountMe; rootId: number }) {
  const navigate = useNavigate();
  const canManage = hasPermission(me, 'stations.manage');
  const rootOption = rootOptionOf(me, rootId);
  const [filters, setFilters] = useState<StationFilters>(canManage ? { org_id: rootId } : {});
  const [mode, setMode] = useState<'list' | 'map'>('list');
  const [drawer, setDrawer] = useState<StationDrawerMode | null>(null);
  const [isImporting, setIsImporting] = useState(false);
  const set = (change: Partial<StationFilters>) => setFilters((f) => ({ ...f, ...change }));
  const list = useCursorList<StationItem>(JSON.stringify(filters), (cursor) =>
    listStations({ ...filters, cursor, limit: 30 }),
  );

  const columns: TableColumnsType<StationItem> = [
    {
      title: t('stations.name'),
      dataIndex: 'name',
      render: (name: string, s) => (
        <Space size={4}>
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setDrawer({ kind: 'edit', id: s.id })}>
            {name}
          </Button>
          {s.award_year && <Tag color="gold">{`${STATION_AWARDS.most_beautiful} ${s.award_year}`}</Tag>}
        </Space>
      ),
    },
    { title: t('stations.kind'), dataIndex: 'kind', width: 100, render: KIND_SHORT },
    { title: t('stations.org'), dataIndex: 'org_name', ellipsis: true },
    { title: t('stations.address'), dataIndex: 'address', ellipsis: true },
    {
      title: t('stations.hours'),
      dataIndex: 'opening_hours',
      render: (h: string) => <Typography.Text code>{h}</Typography.Text>,
    },
    {
      title: t('stations.status'),
      dataIndex: 'status',
      width: 150,
      render: (st: StationStatus, s) => (
        <Space direction="vertical" size={0}>
          <Tag color={STATUS_COLOUR[st]}>{STATION_STATUSES[st]}</Tag>
          {s.closed_until && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('stations.until', { date: s.closed_until })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('stations.keeper'),
      dataIndex: 'keeper_name',
      width: 130,
      render: (k: string | null) => k ?? <Typography.Text type="secondary">{t('stations.noKeeper')}</Typography.Text>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      // Always in view: the table scrolls sideways on a laptop screen.
      fixed: 'right',
      render: (_: unknown, s) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDrawer({ kind: 'edit', id: s.id })}>
            {s.can_manage ? t('common.edit') : t('stations.keep')}
          </Button>
          <Button
            type="link"
            size="small"
            icon={<QrcodeOutlined />}
            onClick={() => navigate(`/stations/poster/${s.id}`)}
            data-testid={`station-poster-${s.id}`}
          >
            {t('stations.poster')}
          </Button>
        </Space>
      ),
    },
  ];

  const actions = canManage && (
    <Space>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => setDrawer({ kind: 'create' })}
        data-testid="station-create"
      >
        {t('stations.create')}
      </Button>
      <Button icon={<UploadOutlined />} onClick={() => setIsImporting(true)} data-testid="import-open">
        {t('stations.import')}
      </Button>
      <ExportButton path="/stations/registry" filters={filters} canUnmask={false} />
    </Space>
  );

  const first = list.items[0];
  return (
    <Card title={canManage ? t('stations.title') : t('stations.keeperTitle')} extra={actions}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('stations.search')}
          onSearch={(q) => set({ q: q.trim() || undefined })}
          style={{ width: 240 }}
          data-testid="station-search"
        />
        {canManage && (
          <OrgSelect
            value={filters.org_id}
            initialOption={rootOption}
            allowClear
            placeholder={t('stations.orgFilter')}
            onChange={(org_id) => set({ org_id })}
            style={{ width: 240 }}
          />
        )}
        <Select<StationKind>
          allowClear
          placeholder={t('stations.kind')}
          value={filters.kind}
          onChange={(kind) => set({ kind })}
          options={Object.keys(STATION_KINDS).map((k) => ({
            value: k as StationKind,
            label: KIND_SHORT(k as StationKind),
          }))}
          style={{ width: 120 }}
        />
        <Select<StationStatus>
          allowClear
          placeholder={t('stations.status')}
          value={filters.status}
          onChange={(status) => set({ status })}
          options={Object.entries(STATION_STATUSES).map(([value, label]) => ({ value: value as StationStatus, label }))}
          style={{ width: 120 }}
          data-testid="station-filter-status"
        />
        <Select<Amenity>
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('stations.amenity')}
          value={filters.amenity as Amenity | undefined}
          onChange={(amenity) => set({ amenity })}
          options={Object.entries(AMENITIES).map(([value, label]) => ({ value: value as Amenity, label }))}
          style={{ width: 140 }}
          data-testid="station-filter-amenity"
        />
        {canManage && (
          <Select<'yes' | 'no'>
            allowClear
            placeholder={t('stations.hasKeeper')}
            value={filters.has_keeper === undefined ? undefined : filters.has_keeper ? 'yes' : 'no'}
            onChange={(v) => set({ has_keeper: v === undefined ? undefined : v === 'yes' })}
            options={[
              { value: 'yes', label: t('stations.hasKeeperYes') },
              { value: 'no', label: t('stations.hasKeeperNo') },
            ]}
            style={{ width: 130 }}
          />
        )}
        <Select<'yes'>
          allowClear
          placeholder={t('stations.award')}
          value={filters.award ? 'yes' : undefined}
          onChange={(v) => set({ award: v ? true : undefined })}
          options={[{ value: 'yes', label: t('stations.award') }]}
          style={{ width: 120 }}
        />
        <Segmented<'list' | 'map'>
          value={mode}
          onChange={setMode}
          options={[
            { value: 'list', label: <span data-testid="station-view-list">{t('stations.viewList')}</span> },
            { value: 'map', label: <span data-testid="station-view-map">{t('stations.viewMap')}</span> },
          ]}
        />
      </Space>
      {mode === 'list' ? (
        <CursorTable<StationItem> list={list} columns={columns} scroll={{ x: 1200 }} data-testid="stations-table" />
      ) : (
        <StationMap filters={filters} onOpen={(id) => setDrawer({ kind: 'edit', id })} />
      )}
      {drawer && (
        <StationDrawer
          key={drawer.kind === 'edit' ? drawer.id : 'new'}
          mode={drawer}
          near={first ? { lat: first.lat, lng: first.lng } : DEFAULT_NEAR}
          onClose={() => setDrawer(null)}
          onSaved={() => {
            setDrawer(null);
            list.reload();
          }}
        />
      )}
      {isImporting && (
        <ImportWizard
          kind="stations.registry"
          title={t('stations.importTitle')}
          initialOrg={rootOption}
          onClose={() => setIsImporting(false)}
          onImported={list.reload}
        />
      )}
    </Card>
  );
}
