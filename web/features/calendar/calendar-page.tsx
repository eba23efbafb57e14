import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { AccountMe } from '../auth/api';
import { CALENDAR_CHANGED, canManageCalendar, thisYear } from './calendar-model';
import { ErrorAlert } from '../../components/error-alert';
import { PageSpinner } from '../../components/page-spinner';
import { formatDateTime } from '../../lib/format';
import { useRequest } from '../../lib/use-request';
import { fetchCalendarYear } from './api';
import { DueCalculator } from './due-calculator';
import { t } from './messages';
import { NoticeEditor } from './notice-editor';
import { REGION_CHOICES } from './regions';
import { Legend, YearGrid } from './year-grid';

/** 工作日历: a year at a glance, the provisional-year alarm and notice editor for national admins, the due date calculator. */
export function CalendarPage({ me }: { me: AccountMe }) {
  const navigate = useNavigate();
  const params = useParams();
  const year = Number(params.year) || thisYear();
  const [region, setRegion] = useState('');
  const [editing, setEditing] = useState<number | null>(null);
  const calendar = useRequest(`${year}|${region}`, () => fetchCalendarYear(year, region || undefined));
  const data = calendar.data?.year === year ? calendar.data : null;
  const canManage = canManageCalendar(me);
  const goTo = (y: number) => navigate(`/calendar/${y}`);

  // The alarm: the shown year, or any year up to next year, still without the State Council's notice.
  const alarmYears = canManage && data ? data.provisional_years.filter((y) => y <= thisYear() + 1 || y === year) : [];
  const openEditor = (y: number) => {
    setRegion('');
    if (y !== year) goTo(y);
    setEditing(y);
  };

  const years = data ? Array.from({ length: data.last_year - data.first_year + 1 }, (_, i) => data.first_year + i) : [];
  const controls = (
    <Space wrap>
      <Button
        icon={<LeftOutlined />}
        aria-label={t('cal.prevYear')}
        disabled={!data || year <= data.first_year}
        onClick={() => goTo(year - 1)}
      />
      <Select
        value={year}
        style={{ width: 110 }}
        onChange={goTo}
        options={(years.length ? years : [year]).map((y) => ({ value: y, label: t('cal.year', { year: y }) }))}
        data-testid="year-select"
      />
      <Button
        icon={<RightOutlined />}
        aria-label={t('cal.nextYear')}
        disabled={!data || year >= data.last_year}
        onClick={() => goTo(year + 1)}
      />
      <Select
        value={region}
        style={{ width: 170 }}
        onChange={setRegion}
        aria-label={t('cal.region')}
        options={REGION_CHOICES.map((r) => ({ value: r.code, label: r.label() }))}
        data-testid="region-select"
      />
    </Space>
  );

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      {alarmYears.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="provisional-alarm"
          title={t('cal.alarmTitle', { years: alarmYears.join('、') })}
          description={t('cal.alarmText')}
          action={
            <Space direction="vertical">
              {alarmYears.map((y) => (
                <Button
                  key={y}
                  size="small"
                  type="primary"
                  onClick={() => openEditor(y)}
                  data-testid={`enter-notice-${y}`}
                >
                  {t('cal.enterNotice', { year: y })}
                </Button>
              ))}
            </Space>
          }
        />
      )}
      <Card
        title={
          <Space wrap>
            <span>{t('cal.title')}</span>
            {data && (
              <Tag color={data.status === 'official' ? 'green' : 'gold'} data-testid="year-status">
                {data.status === 'official' ? t('cal.official') : t('cal.provisional')}
              </Tag>
            )}
            {data && data.notice_files.length > 0 && (
              <Space size={4} style={{ fontSize: 12, fontWeight: 'normal' }} data-testid="notice-files">
                {t('cal.noticeFiles')}
                {data.notice_files.map((f, i) => (
                  <Typography.Link key={f.id} href={f.url} target="_blank" rel="noopener">
                    {i + 1}
                  </Typography.Link>
                ))}
              </Space>
            )}
            {data?.changed_at && (
              <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                {t('cal.changedAt', { at: formatDateTime(data.changed_at) })}
              </Typography.Text>
            )}
          </Space>
        }
        extra={controls}
      >
        <ErrorAlert error={calendar.error} onRetry={calendar.reload} />
        {!data && calendar.isLoading && <PageSpinner />}
        {data && (
          <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
            <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
              <Legend />
              {canManage && data.status === 'provisional' && (
                <Button onClick={() => openEditor(year)} data-testid="open-editor">
                  {t('cal.enterNotice', { year })}
                </Button>
              )}
            </Space>
            <YearGrid year={year} days={data.days} />
          </div>
        )}
      </Card>
      <DueCalculator defaultRegion={region} />
      {editing !== null && data && data.year === editing && region === '' && (
        <NoticeEditor
          year={editing}
          days={data.days}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            calendar.setData(saved);
            setEditing(null);
            window.dispatchEvent(new Event(CALENDAR_CHANGED));
          }}
        />
      )}
    </div>
  );
}
