import { Breadcrumb, Button, Card, Col, DatePicker, Row, Space, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { dayOfInstant, isoFromDay } from '../../../common/calendar/days';
import { CASE_CATEGORIES, CATEGORY_LABELS, type CaseCategory } from '../../../common/cases';
import { ErrorAlert } from '../../components/error-alert';
import type { AccountMe } from '../auth/api';
import { hasPermission } from '../auth/permissions';
import { ExportButton } from '../imports/export-button';
import { OrgSelect } from '../orgs/org-select';
import { useRequest } from '../../lib/use-request';
import { fetchCaseRates, fetchChildCaseRates, type CaseRates, type CaseRatesQuery } from './api';
import { fenToYuan } from './case-model';
import { FiguresDrill, type Drill } from './figures-drill';
import { t } from './figures-messages';
import { formatDays, formatRate, rateFraction, RATE_KEYS, type RateKey } from './figures-model';

/** What the console gives a section page (web/admin/sections.tsx), which this page must not import. */
interface SectionProps {
  me: AccountMe;
  rootId: number;
}

const CHILDREN_SHOWN = 50;
const today = () => isoFromDay(dayOfInstant(Date.now()));
const daysAgo = (n: number) => isoFromDay(dayOfInstant(Date.now()) - n);
const PRESETS = [
  { label: t('figures.thisMonth'), value: () => [dayjs().startOf('month'), dayjs()] as [dayjs.Dayjs, dayjs.Dayjs] },
  { label: t('figures.last30'), value: () => [dayjs().subtract(29, 'day'), dayjs()] as [dayjs.Dayjs, dayjs.Dayjs] },
  { label: t('figures.thisYear'), value: () => [dayjs().startOf('year'), dayjs()] as [dayjs.Dayjs, dayjs.Dayjs] },
];

interface Org {
  id: number;
  name: string;
}

/** One rate: the percentage, its fraction, and the two numbers behind it, each opening its cases. */
function RateCard({ figures, rate, onDrill }: { figures: CaseRates; rate: RateKey; onDrill: (d: Drill) => void }) {
  const { numerator, denominator } = figures[rate];
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={`figures-${rate}`}>
      <Statistic title={t(`figures.${rate}`)} value={formatRate(figures[rate].rate)} />
      <Typography.Text type="secondary">
        {t(`figures.${rate}Hint`)}：<span data-testid={`figures-${rate}-fraction`}>{rateFraction(figures, rate)}</span>
      </Typography.Text>
      <div>
        <Button
          type="link"
          size="small"
          style={{ paddingInline: 0 }}
          onClick={() => onDrill({ measure: rate, outcome: 'hit' })}
          data-testid={`figures-${rate}-hit`}
        >
          {t('figures.hit', { n: numerator })}
        </Button>
        <Button
          type="link"
          size="small"
          onClick={() => onDrill({ measure: rate, outcome: 'miss' })}
          data-testid={`figures-${rate}-miss`}
        >
          {t('figures.miss', { n: denominator - numerator })}
        </Button>
      </div>
      {rate === 'satisfaction' && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('figures.ratings', figures.ratings)}
        </Typography.Text>
      )}
    </Card>
  );
}

/** The unions right below, each with its own figures; a click shows its figures in the page's place. */
function ChildrenTable({
  org,
  query,
  onPick,
}: {
  org: Org;
  query: Omit<CaseRatesQuery, 'org_id'>;
  onPick: (o: Org) => void;
}) {
  // One request (one statement over the roll-up) for all the unions below, however many.
  const children = useRequest(`${org.id}|${query.from}|${query.to}`, async () => {
    const below = await fetchChildCaseRates({ ...query, org_id: org.id });
    return { rows: below.items, more: below.more };
  });
  const rate = (key: RateKey) => ({
    title: t(`figures.${key}`),
    width: 130,
    align: 'right' as const,
    render: (_: unknown, r: CaseRates) => `${formatRate(r[key].rate)}（${rateFraction(r, key)}）`,
  });
  return (
    <Card title={t('figures.children')} size="small">
      <ErrorAlert error={children.error} onRetry={children.reload} />
      <Table<CaseRates>
        size="small"
        rowKey={(r) => r.org.id}
        loading={children.isLoading}
        dataSource={children.data?.rows ?? []}
        pagination={false}
        scroll={{ x: 820 }}
        locale={{ emptyText: t('figures.childrenEmpty') }}
        columns={[
          {
            title: t('figures.col.org'),
            fixed: 'left',
            width: 160,
            render: (_, r) => (
              <Typography.Link onClick={() => onPick(r.org)} data-testid="figures-child">
                {r.org.name}
              </Typography.Link>
            ),
          },
          { title: t('figures.col.total'), dataIndex: 'total', width: 70, align: 'right' },
          ...RATE_KEYS.map(rate),
          {
            title: t('figures.wageRecovered'),
            width: 130,
            align: 'right',
            render: (_, r) => fenToYuan(r.wage_recovered_fen),
          },
          {
            title: t('figures.avgDays'),
            width: 120,
            align: 'right',
            render: (_, r) => formatDays(r.avg_handling_days),
          },
        ]}
        data-testid="figures-children"
      />
      {children.data?.more && (
        <Typography.Text type="secondary">{t('figures.childrenMore', { n: CHILDREN_SHOWN })}</Typography.Text>
      )}
    </Card>
  );
}

/** 工单统计 (issue 9 item 7): an org subtree's three rates and figures, its unions below, the cases behind each number, the ledger. */
export function CaseFiguresPage({ me, rootId }: SectionProps) {
  const rootName = me.grants.find((g) => g.org_id === rootId)?.org_name ?? String(rootId);
  /** The orgs drilled through, the shown one last. */
  const [trail, setTrail] = useState<Org[]>([{ id: rootId, name: rootName }]);
  const org = trail.at(-1)!;
  const [period, setPeriod] = useState({ from: daysAgo(29), to: today() });
  const [drill, setDrill] = useState<Drill | null>(null);
  const query: CaseRatesQuery = { org_id: org.id, ...period };
  const figures = useRequest(JSON.stringify(query), () => fetchCaseRates(query));
  const data = figures.data?.org.id === org.id ? figures.data : null;
  const canOpenCases = (['cases.intake', 'cases.dispatch', 'cases.handle', 'cases.supervise'] as const).some((p) =>
    hasPermission(me, p),
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('figures.title')}>
        <Typography.Paragraph type="secondary">{t('figures.intro')}</Typography.Paragraph>
        <Space wrap style={{ marginBottom: 12 }}>
          <OrgSelect
            key={org.id}
            value={org.id}
            initialOption={{ value: org.id, label: org.name }}
            onChange={(id, option) => id && setTrail([{ id, name: option?.org?.name ?? option?.label ?? String(id) }])}
            style={{ width: 240, maxWidth: '100%' }}
            testId="figures-org"
          />
          <DatePicker.RangePicker
            allowClear={false}
            presets={PRESETS}
            value={[dayjs(period.from), dayjs(period.to)]}
            onChange={(d) =>
              d?.[0] && d[1] && setPeriod({ from: d[0].format('YYYY-MM-DD'), to: d[1].format('YYYY-MM-DD') })
            }
            data-testid="figures-period"
          />
          {hasPermission(me, 'stats.read') && <ExportButton path="/cases/ledger" filters={query} canUnmask={false} />}
        </Space>
        {trail.length > 1 && (
          <Breadcrumb
            style={{ marginBottom: 12 }}
            items={trail.map((o, i) => ({
              title:
                i === trail.length - 1 ? (
                  o.name
                ) : (
                  <Typography.Link onClick={() => setTrail(trail.slice(0, i + 1))}>{o.name}</Typography.Link>
                ),
            }))}
            data-testid="figures-trail"
          />
        )}
        <ErrorAlert error={figures.error} onRetry={figures.reload} />
        {data && (
          <>
            <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
              {RATE_KEYS.map((rate) => (
                <Col key={rate} xs={24} md={8}>
                  <RateCard figures={data} rate={rate} onDrill={setDrill} />
                </Col>
              ))}
            </Row>
            <Row gutter={[12, 12]}>
              <Col xs={12} md={6}>
                <Statistic title={t('figures.total')} value={data.total} data-testid="figures-total" />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('figures.wageClaimed')}
                  value={fenToYuan(data.wage_claimed_fen)}
                  data-testid="figures-wage-claimed"
                />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('figures.wageRecovered')}
                  value={fenToYuan(data.wage_recovered_fen)}
                  data-testid="figures-wage-recovered"
                />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('figures.avgDays')}
                  value={formatDays(data.avg_handling_days)}
                  data-testid="figures-avg-days"
                />
              </Col>
            </Row>
            <Typography.Paragraph
              type="secondary"
              style={{ marginTop: 12, marginBottom: 0 }}
              data-testid="figures-categories"
            >
              {t('figures.byCategory')}：
              {CASE_CATEGORIES.map(
                (c) => `${CATEGORY_LABELS[c]} ${(data.counts as Partial<Record<CaseCategory, number>>)[c] ?? 0}`,
              ).join('，')}
            </Typography.Paragraph>
          </>
        )}
      </Card>
      <ChildrenTable org={org} query={period} onPick={(o) => setTrail([...trail, o])} />
      {drill && data && (
        <FiguresDrill
          query={query}
          orgName={org.name}
          drill={drill}
          canOpenCases={canOpenCases}
          onClose={() => setDrill(null)}
        />
      )}
    </Space>
  );
}
