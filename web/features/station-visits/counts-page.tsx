import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Empty, Row, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { dayOfInstant, isoFromDay } from '../../../common/calendar/days';
import { OCCUPATIONS, type Occupation } from '../../../common/members';
import { ErrorAlert } from '../../components/error-alert';
import { downloadFile } from '../../lib/download';
import { formatCount, formatDateTime } from '../../lib/format';
import { describeError } from '../../lib/http';
import { useRequest } from '../../lib/use-request';
import { fetchVisitCounts, fetchVisitsToday, listSeenStations, type VisitCounts } from './api';
import { t } from './messages';
import { StationPicker } from './station-picker';

const today = () => isoFromDay(dayOfInstant(Date.now()));
const daysAgo = (n: number) => isoFromDay(dayOfInstant(Date.now()) - n);

/** A bar as wide as `share` of its row (no chart library: a div is enough for one series). */
function Bar({ share, color = '#1677ff' }: { share: number; color?: string }) {
  return (
    <div style={{ background: '#f0f0f0', borderRadius: 3, height: 12, width: '100%' }}>
      <div style={{ background: color, borderRadius: 3, height: 12, width: `${Math.round(share * 100)}%` }} />
    </div>
  );
}

/** Visits per day as vertical bars, weekends lighter, each with its count on hover. */
function DailyBars({ days }: { days: VisitCounts['by_day'] }) {
  const max = Math.max(1, ...days.map((d) => d.visits));
  return (
    <div
      style={{ display: 'flex', alignItems: 'flex-end', gap: 2, height: 140, padding: '8px 0' }}
      data-testid="visits-daily-bars"
    >
      {days.map((d) => {
        const weekend = [0, 6].includes(dayjs(d.day).day());
        return (
          <Tooltip key={d.day} title={`${d.day}：${d.visits}`}>
            <div
              style={{
                flex: 1,
                minWidth: 2,
                height: `${Math.max((d.visits / max) * 100, d.visits ? 2 : 0)}%`,
                background: weekend ? '#91caff' : '#1677ff',
                borderRadius: '2px 2px 0 0',
              }}
            />
          </Tooltip>
        );
      })}
    </div>
  );
}

/** 驿站服务统计: visits by day and occupation for one station or every station the account sees, and today's at one. */
export function VisitCountsPage() {
  const { message } = App.useApp();
  const [isExporting, setIsExporting] = useState(false);
  const [stationId, setStationId] = useState<number | undefined>();
  const [period, setPeriod] = useState<{ from: string; to: string }>({ from: daysAgo(29), to: today() });
  // A keeper opens on the station they keep (its today's visits at once); a union on all of its stations.
  useEffect(() => {
    listSeenStations().then(
      (r) => r.items[0]?.kept && setStationId((current) => current ?? r.items[0]!.id),
      () => undefined,
    );
  }, []);
  const counts = useRequest(`${stationId ?? ''}|${period.from}|${period.to}`, () =>
    fetchVisitCounts({ ...period, ...(stationId ? { station_id: stationId } : {}) }),
  );
  const data = counts.data;
  const max = Math.max(1, ...(data?.by_occupation.map((o) => o.visits) ?? []));
  const occupations = OCCUPATION_ORDER.filter((o) => data?.by_occupation.some((b) => b.occupation === o));
  const pivot = (data?.by_day ?? [])
    .filter((d) => d.visits > 0)
    .reverse()
    .map((d) => ({
      day: d.day,
      total: d.visits,
      ...Object.fromEntries(data!.rows.filter((r) => r.day === d.day).map((r) => [r.occupation, r.visits] as const)),
    }));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('visits.countsTitle')}>
        <Space wrap style={{ marginBottom: 16 }}>
          <StationPicker value={stationId} onChange={setStationId} />
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(period.from), dayjs(period.to)]}
            onChange={(dates) =>
              dates?.[0] &&
              dates[1] &&
              setPeriod({ from: dates[0].format('YYYY-MM-DD'), to: dates[1].format('YYYY-MM-DD') })
            }
            data-testid="visits-period"
          />
          <Button
            icon={<DownloadOutlined />}
            loading={isExporting}
            onClick={() => {
              setIsExporting(true);
              downloadFile('GET', '/station-visits/counts/export.xlsx', {
                query: { ...period, ...(stationId ? { station_id: stationId } : {}) },
                fallbackName: `${t('visits.countsTitle')}.xlsx`,
              })
                .catch((err: unknown) => void message.error(describeError(err)))
                .finally(() => setIsExporting(false));
            }}
            data-testid="visits-export"
          >
            {t('visits.export')}
          </Button>
        </Space>
        <ErrorAlert error={counts.error} onRetry={counts.reload} />
        {data && (
          <>
            <Row gutter={16} style={{ marginBottom: 16 }}>
              <Col span={6}>
                <Statistic title={t('visits.total')} value={data.total} data-testid="visits-total" />
              </Col>
              <Col span={6}>
                <Statistic title={t('visits.stationsCounted')} value={data.stations} />
              </Col>
            </Row>
            {data.total === 0 ? (
              <Empty description={t('visits.none')} />
            ) : (
              <Row gutter={32}>
                <Col xs={24} lg={10}>
                  <Typography.Title level={5}>{t('visits.byOccupation')}</Typography.Title>
                  <Table
                    size="small"
                    rowKey="occupation"
                    pagination={false}
                    dataSource={data.by_occupation.slice().sort((a, b) => b.visits - a.visits)}
                    columns={[
                      {
                        title: t('visits.occupationColumn'),
                        dataIndex: 'occupation',
                        render: (o: Occupation) => OCCUPATIONS[o],
                      },
                      {
                        title: t('visits.visits'),
                        dataIndex: 'visits',
                        align: 'right',
                        width: 80,
                        render: formatCount,
                      },
                      {
                        title: t('visits.share'),
                        width: 160,
                        render: (_, r) => <Bar share={r.visits / max} />,
                      },
                    ]}
                    data-testid="visits-by-occupation"
                  />
                </Col>
                <Col xs={24} lg={14}>
                  <Typography.Title level={5}>{t('visits.byDay')}</Typography.Title>
                  <DailyBars days={data.by_day} />
                  <Typography.Text type="secondary">
                    {t('visits.barsLegend', {
                      from: data.from,
                      to: data.to,
                      max: Math.max(...data.by_day.map((d) => d.visits)),
                    })}
                  </Typography.Text>
                </Col>
              </Row>
            )}
          </>
        )}
      </Card>
      {data && data.total > 0 && (
        <Card title={`${t('visits.byDay')} × ${t('visits.byOccupation')}`}>
          <Table
            size="small"
            rowKey="day"
            dataSource={pivot}
            pagination={{ pageSize: 31, showSizeChanger: false }}
            scroll={{ x: 200 + occupations.length * 110 }}
            columns={[
              { title: t('visits.day'), dataIndex: 'day', fixed: 'left', width: 110 },
              { title: t('visits.total'), dataIndex: 'total', width: 90, align: 'right' },
              ...occupations.map((o) => ({
                title: OCCUPATIONS[o].replace(/（.*）/, ''),
                dataIndex: o,
                width: 110,
                align: 'right' as const,
                render: (n?: number) => n ?? 0,
              })),
            ]}
            data-testid="visits-table"
          />
        </Card>
      )}
      <VisitsTodayCard stationId={stationId} />
    </Space>
  );
}

const OCCUPATION_ORDER = Object.keys(OCCUPATIONS) as Occupation[];

/** Today's visits at the picked station: the count by occupation and when, nothing about who. */
function VisitsTodayCard({ stationId }: { stationId?: number }) {
  const todays = useRequest(stationId ? `today|${stationId}` : null, () => fetchVisitsToday(stationId!));
  const data = todays.data;
  return (
    <Card title={t('visits.today')} data-testid="visits-today">
      {!stationId && <Typography.Text type="secondary">{t('visits.todayPick')}</Typography.Text>}
      <ErrorAlert error={todays.error} onRetry={todays.reload} />
      {stationId && data && (
        <>
          <Typography.Paragraph strong data-testid="visits-today-total">
            {t('visits.todayOf', { name: data.station_name, n: data.total })}
          </Typography.Paragraph>
          <Space wrap style={{ marginBottom: 12 }}>
            {data.by_occupation.map((o) => (
              <span key={o.occupation}>
                {OCCUPATIONS[o.occupation]}：{o.visits}
              </span>
            ))}
          </Space>
          <Table
            size="small"
            rowKey={(r) => `${r.at}|${r.occupation}`}
            dataSource={data.times}
            pagination={{ pageSize: 10, showSizeChanger: false }}
            columns={[
              { title: t('visits.time'), dataIndex: 'at', render: (at: string) => formatDateTime(at).slice(11) },
              {
                title: t('visits.occupationColumn'),
                dataIndex: 'occupation',
                render: (o: Occupation) => OCCUPATIONS[o],
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
