import { UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Progress,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { PageSpinner } from '../../components/page-spinner';
import { useConfig } from '../../lib/config';
import { formatCount, formatDateTime } from '../../lib/format';
import { asApiError, type ApiError } from '../../lib/http';
import { useRequest } from '../../lib/use-request';
import type { AccountMe } from '../auth/api';
import { ImportWizard } from '../imports/import-wizard';
import { OrgSelect, rootOptionOf } from '../orgs/org-select';
import { fetchRun, listPointSets, listRuns, startRun, type CoverageResult, type CoverageRun } from './api';
import { t } from './messages';

const CoverageMap = lazy(() => import('./coverage-map'));
/** How often the list asks again while an analysis runs. */
const POLL_MS = 1500;

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((1000 * part) / whole) / 10 : 0);
const STATUS_COLOR = { queued: 'processing', done: 'success', failed: 'error' } as const;

function Share({ part, whole }: { part: number; whole: number }) {
  const p = pct(part, whole);
  return <Progress percent={p} size="small" status={p >= 90 ? 'success' : 'normal'} format={() => `${p}%`} />;
}

function ResultView({ result, crs }: { result: CoverageResult; crs: string }) {
  const config = useConfig();
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col span={6}>
          <Statistic title={t('coverage.points')} value={result.points} formatter={(v) => formatCount(Number(v))} />
        </Col>
        <Col span={6}>
          <Statistic title={t('coverage.within1km')} value={pct(result.within_1km, result.weight)} suffix="%" />
        </Col>
        <Col span={6}>
          <Statistic title={t('coverage.withinWalk')} value={pct(result.within_walk, result.weight)} suffix="%" />
        </Col>
        <Col span={6}>
          <Statistic title={t('coverage.stations')} value={result.stations} formatter={(v) => formatCount(Number(v))} />
        </Col>
      </Row>
      <Suspense fallback={<PageSpinner />}>
        <CoverageMap result={result} tileUrl={config?.tile_url ?? ''} />
      </Suspense>
      <Row gutter={16}>
        <Col span={result.groups.length > 0 ? 12 : 24}>
          <Typography.Title level={5}>{t('coverage.suggestions')}</Typography.Title>
          <Table
            size="small"
            rowKey="rank"
            pagination={false}
            dataSource={result.suggestions}
            locale={{ emptyText: <Empty description={t('coverage.noSuggestions')} /> }}
            data-testid="coverage-suggestions"
            columns={[
              { title: t('coverage.rank'), dataIndex: 'rank', width: 60 },
              {
                title: `${t('coverage.location')}（${crs.toUpperCase()}）`,
                render: (_, s) => `${s.lat.toFixed(5)}, ${s.lng.toFixed(5)}`,
              },
              { title: t('coverage.covers'), dataIndex: 'covers', render: (v: number) => `${formatCount(v)} 人` },
            ]}
          />
        </Col>
        {result.groups.length > 0 && (
        <Col span={12}>
          <Typography.Title level={5}>{t('coverage.groups')}</Typography.Title>
          <Table
            size="small"
            rowKey="org_id"
            pagination={false}
            dataSource={result.groups}
            columns={[
              { title: t('coverage.union'), dataIndex: 'org_name' },
              { title: t('coverage.weight'), dataIndex: 'weight', render: (v: number) => formatCount(v) },
              { title: t('coverage.within1km'), render: (_, g) => <Share part={g.within_1km} whole={g.weight} /> },
              { title: t('coverage.withinWalk'), render: (_, g) => <Share part={g.within_walk} whole={g.weight} /> },
            ]}
          />
        </Col>
        )}
      </Row>
    </Space>
  );
}

/** 驿站覆盖分析: start an analysis of a union's subtree, follow its progress, read its gaps and sites. */
export function CoveragePage({ me, rootId }: { me: AccountMe; rootId: number }) {
  const { message } = App.useApp();
  const rootOption = rootOptionOf(me, rootId);
  const [orgId, setOrgId] = useState<number | undefined>(rootId);
  const [source, setSource] = useState<'members' | 'set'>('set');
  const [setId, setSetId] = useState<number | undefined>();
  const [selected, setSelected] = useState<number | null>(null);
  const [isImporting, setIsImporting] = useState(false);
  const [isStarting, setIsStarting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const runs = useRequest('runs', listRuns);
  const sets = useRequest('sets', listPointSets);
  const tileCrs = useConfig()?.tile_crs ?? 'gcj02';
  const shown = useRequest(selected === null ? null : `run-${selected}-${tileCrs}`, () => fetchRun(selected!, tileCrs));

  // The newest finished analysis is shown until another is chosen.
  useEffect(() => {
    if (selected === null && runs.data) setSelected(runs.data.items.find((r) => r.status === 'done')?.id ?? null);
  }, [runs.data, selected]);
  useEffect(() => {
    if (setId === undefined && sets.data?.items[0]) setSetId(sets.data.items[0].id);
  }, [sets.data, setId]);
  // While one runs, ask again; when the shown one finishes, load its result.
  const running = runs.data?.items.some((r) => r.status === 'queued') ?? false;
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(runs.reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [running, runs]);
  const selectedRun = runs.data?.items.find((r) => r.id === selected);
  useEffect(() => {
    if (selectedRun?.status === 'done' && shown.data?.status === 'queued') shown.reload();
  }, [selectedRun?.status, shown]);

  const start = async () => {
    if (orgId === undefined) return;
    setIsStarting(true);
    setError(null);
    try {
      const { id } = await startRun(source === 'set' ? { org_id: orgId, source, set_id: setId } : { org_id: orgId, source });
      message.success(t('coverage.started'));
      setSelected(id);
      runs.reload();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setIsStarting(false);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('coverage.title')}>
        <Typography.Paragraph type="secondary">{t('coverage.intro')}</Typography.Paragraph>
        <Form layout="inline" style={{ rowGap: 12 }}>
          <Form.Item label={t('coverage.org')}>
            <OrgSelect
              value={orgId}
              initialOption={rootOption}
              onChange={(id) => setOrgId(id)}
              style={{ width: 260 }}
              testId="coverage-org"
            />
          </Form.Item>
          <Form.Item label={t('coverage.source')}>
            <Radio.Group value={source} onChange={(e) => setSource(e.target.value)}>
              <Radio value="set">{t('coverage.sourceSet')}</Radio>
              <Radio value="members">{t('coverage.sourceMembers')}</Radio>
            </Radio.Group>
          </Form.Item>
          {source === 'set' && (
            <Form.Item>
              <Select
                value={setId}
                onChange={setSetId}
                placeholder={t('coverage.pickSet')}
                style={{ width: 280 }}
                data-testid="coverage-set"
                options={(sets.data?.items ?? []).map((s) => ({
                  value: s.id,
                  label: `${s.name}（${formatCount(s.point_count)} 个点）`,
                }))}
              />
            </Form.Item>
          )}
          <Form.Item>
            <Space>
              <Button
                type="primary"
                loading={isStarting}
                disabled={orgId === undefined || (source === 'set' && setId === undefined)}
                onClick={start}
              >
                {t('coverage.start')}
              </Button>
              <Button icon={<UploadOutlined />} onClick={() => setIsImporting(true)}>
                {t('coverage.upload')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
        {error && <ErrorAlert error={error} />}
      </Card>

      <Card title={t('coverage.runs')}>
        {runs.error && <ErrorAlert error={runs.error} />}
        <Table<CoverageRun>
          size="small"
          rowKey="id"
          loading={runs.isLoading && !runs.data}
          dataSource={runs.data?.items ?? []}
          pagination={{ pageSize: 5, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('coverage.noRuns')} /> }}
          rowClassName={(r) => (r.id === selected ? 'ant-table-row-selected' : '')}
          data-testid="coverage-runs"
          columns={[
            { title: t('coverage.when'), dataIndex: 'created_at', render: formatDateTime, width: 170 },
            { title: t('coverage.org'), dataIndex: 'org_name' },
            {
              title: t('coverage.source'),
              render: (_, r) => (r.source === 'members' ? t('coverage.sourceMembers') : r.set_name),
            },
            {
              title: t('coverage.status'),
              width: 220,
              render: (_, r) =>
                r.status === 'queued' ? (
                  <Progress percent={r.progress} size="small" status="active" />
                ) : (
                  <Tag color={STATUS_COLOR[r.status]}>{t(`coverage.status.${r.status}`)}</Tag>
                ),
            },
            {
              title: '',
              width: 80,
              render: (_, r) =>
                r.status === 'done' && (
                  <Button type="link" size="small" onClick={() => setSelected(r.id)}>
                    {t('coverage.view')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>

      {shown.error && <ErrorAlert error={shown.error} />}
      {shown.data?.result && (
        <Card title={`${shown.data.org_name} · ${shown.data.set_name ?? t('coverage.sourceMembers')}`} data-testid="coverage-result">
          <ResultView result={shown.data.result} crs={shown.data.crs} />
        </Card>
      )}

      {isImporting && (
        <ImportWizard
          kind="coverage.points"
          title={t('coverage.upload')}
          initialOrg={rootOption}
          onClose={() => setIsImporting(false)}
          onImported={sets.reload}
        />
      )}
    </Space>
  );
}
