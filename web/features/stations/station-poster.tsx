import { Card, Result, Skeleton } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { PosterQr, QrPosterSheet, UNION_RED } from '../../components/qr-poster';
import { useRequest } from '../../lib/use-request';
import { checkInUrlOf, fetchStation } from './api';
import { t } from './messages';

/** The printable QR poster of one station: its check-in URL as a QR, its name and hours, A4. */
export function StationPoster({ id }: { id: number }) {
  const navigate = useNavigate();
  const station = useRequest(String(id), () => fetchStation(id));
  if (station.error?.code === 'not_found') return <Result status="404" title={t('common.pageNotFound')} />;
  if (station.error)
    return (
      <Card>
        <ErrorAlert error={station.error} onRetry={station.reload} />
      </Card>
    );
  const s = station.data;
  if (!s) return <Skeleton active paragraph={{ rows: 10 }} />;
  const url = checkInUrlOf(s.id);
  return (
    <QrPosterSheet
      url={url}
      testId="station-poster"
      printLabel={t('poster.print')}
      backLabel={t('poster.back')}
      onBack={() => navigate('/stations')}
    >
      <div style={{ fontSize: '16pt', letterSpacing: '0.3em', color: UNION_RED }}>{t('poster.subtitle')}</div>
      <div style={{ fontSize: '44pt', fontWeight: 700, color: UNION_RED, margin: '4mm 0' }}>{t('poster.heading')}</div>
      <div style={{ fontSize: '28pt', fontWeight: 700, lineHeight: 1.3, margin: '2mm 0 8mm' }}>{s.name}</div>
      <PosterQr url={url} sizeMm={115} />
      <div style={{ fontSize: '18pt', marginTop: '8mm' }}>{t('poster.steps')}</div>
      <div style={{ fontSize: '14pt', marginTop: '6mm' }}>{s.address}</div>
      <div style={{ fontSize: '14pt', marginTop: '2mm', fontFamily: 'monospace' }}>
        {t('poster.hours', { hours: s.opening_hours })}
      </div>
      {s.phone && <div style={{ fontSize: '14pt', marginTop: '2mm' }}>{t('poster.phone', { phone: s.phone })}</div>}
      <div style={{ flex: 1 }} />
      <div style={{ fontSize: '12pt', color: '#666' }}>
        {s.org_name} · {t('poster.footer')}
      </div>
    </QrPosterSheet>
  );
}
