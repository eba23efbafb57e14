import { Card, Col, Row, Space, Tooltip, Typography } from 'antd';
import type { CSSProperties } from 'react';
import type { CalendarDay } from './api';
import { isWeekend, kindOf, monthWeeks, type DayKind } from './calendar-model';
import { t } from './messages';

const KIND_STYLE: Record<DayKind, CSSProperties> = {
  holiday: { background: '#fff1f0', color: '#cf1322' },
  regional: { background: '#fff7e6', color: '#d46b08' },
  makeup: { background: '#e6f4ff', color: '#0958d9' },
  plain: {},
};
const CELL: CSSProperties = {
  position: 'relative',
  height: 30,
  textAlign: 'center',
  lineHeight: '28px',
  fontSize: 13,
  borderRadius: 4,
  border: '1px solid transparent',
};
const MARK: CSSProperties = { position: 'absolute', top: -3, right: 1, fontSize: 9, lineHeight: '12px' };
const PROVISIONAL: CSSProperties = { border: '1px dashed #d48806' };

function DayCell({ date, day }: { date: string; day: CalendarDay | undefined }) {
  const kind = kindOf(day);
  const style: CSSProperties = {
    ...CELL,
    ...KIND_STYLE[kind],
    ...(kind === 'plain' && isWeekend(date) ? { color: '#8c8c8c' } : {}),
    ...(day?.provisional ? PROVISIONAL : {}),
  };
  const cell = (
    <div
      style={style}
      data-testid={`day-${date}`}
      data-kind={kind}
      data-provisional={day?.provisional ? 'true' : undefined}
    >
      {Number(date.slice(8))}
      {kind !== 'plain' && <span style={MARK}>{kind === 'makeup' ? t('cal.on') : t('cal.off')}</span>}
    </div>
  );
  if (!day) return cell;
  const note = `${date} ${day.label}${day.provisional ? `（${t('cal.provisional')}）` : ''}`;
  return <Tooltip title={note}>{cell}</Tooltip>;
}

function MonthGrid({ year, month, days }: { year: number; month: number; days: ReadonlyMap<string, CalendarDay> }) {
  const names = t('cal.weekdays').split(',');
  return (
    <Card size="small" title={t('cal.month', { month })} styles={{ body: { padding: 8 } }}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2 }}>
        {names.map((name, i) => (
          <div key={name} style={{ textAlign: 'center', fontSize: 12, color: i >= 5 ? '#8c8c8c' : '#595959' }}>
            {name}
          </div>
        ))}
        {monthWeeks(year, month)
          .flat()
          .map((date, i) =>
            date ? <DayCell key={date} date={date} day={days.get(date)} /> : <div key={`pad-${i}`} />,
          )}
      </div>
    </Card>
  );
}

/** A year at a glance: twelve month grids with the holidays, the make-up working days and what is provisional. */
export function YearGrid({ year, days }: { year: number; days: readonly CalendarDay[] }) {
  const byDate = new Map(days.map((d) => [d.date, d]));
  return (
    <Row gutter={[12, 12]} data-testid="year-grid">
      {Array.from({ length: 12 }, (_, i) => (
        <Col key={i} xs={24} sm={12} lg={8} xxl={6}>
          <MonthGrid year={year} month={i + 1} days={byDate} />
        </Col>
      ))}
    </Row>
  );
}

/** What the colours and marks of the grid mean. */
export function Legend() {
  const swatch = (style: CSSProperties, text: string, sample = '') => (
    <Space size={4}>
      <span
        style={{ ...CELL, display: 'inline-block', width: 22, height: 18, lineHeight: '16px', fontSize: 11, ...style }}
      >
        {sample}
      </span>
      <Typography.Text type="secondary">{text}</Typography.Text>
    </Space>
  );
  return (
    <Space wrap size="middle" data-testid="calendar-legend">
      {swatch(KIND_STYLE.holiday, t('cal.legendHoliday'), t('cal.off'))}
      {swatch(KIND_STYLE.makeup, t('cal.legendWorkday'), t('cal.on'))}
      {swatch(KIND_STYLE.regional, t('cal.legendRegional'), t('cal.off'))}
      {swatch(PROVISIONAL, t('cal.legendProvisional'))}
      {swatch({ color: '#8c8c8c' }, t('cal.legendWeekend'), '6')}
    </Space>
  );
}
