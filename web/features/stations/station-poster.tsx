import { PrinterOutlined, RollbackOutlined } from '@ant-design/icons';
import { Button, Card, Result, Skeleton, Space } from 'antd';
import { useNavigate } from 'react-router-dom';
import { renderSVG } from 'uqr';
import { ErrorAlert } from '../../components/error-alert';
import { useRequest } from '../../lib/use-request';
import { checkInUrlOf, fetchStation } from './api';
import { t } from './messages';

/** 工会红: the union's red. */
const UNION_RED = '#c8161d';

/** Only the poster is printed, A4 portrait without the browser's margins, the red kept. */
const PRINT_CSS = `
@media print {
  @page { size: A4 portrait; margin: 0; }
  body * { visibility: hidden !important; }
  .station-poster, .station-poster * { visibility: visible !important; }
  .station-poster { position: fixed; inset: 0; width: 210mm; height: 297mm; margin: 0; box-shadow: none !important;
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .station-poster-tools { display: none !important; }
}`;

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
  const svg = renderSVG(url, { border: 1 });
  return (
    <div>
      <style>{PRINT_CSS}</style>
      <Space className="station-poster-tools" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="poster-print">
          {t('poster.print')}
        </Button>
        <Button icon={<RollbackOutlined />} onClick={() => navigate('/stations')}>
          {t('poster.back')}
        </Button>
      </Space>
      <div
        className="station-poster"
        data-testid="station-poster"
        data-url={url}
        style={{
          width: '210mm',
          minHeight: '297mm',
          margin: '0 auto',
          background: '#fff',
          boxShadow: '0 2px 12px rgba(0,0,0,0.12)',
          display: 'flex',
          flexDirection: 'column',
          alignItems: 'center',
          textAlign: 'center',
          boxSizing: 'border-box',
          border: `12mm solid ${UNION_RED}`,
          padding: '16mm 14mm',
        }}
      >
        <div style={{ fontSize: '16pt', letterSpacing: '0.3em', color: UNION_RED }}>{t('poster.subtitle')}</div>
        <div style={{ fontSize: '44pt', fontWeight: 700, color: UNION_RED, margin: '4mm 0' }}>
          {t('poster.heading')}
        </div>
        <div style={{ fontSize: '28pt', fontWeight: 700, lineHeight: 1.3, margin: '2mm 0 8mm' }}>{s.name}</div>
        <img
          alt={url}
          src={`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`}
          style={{ width: '115mm', height: '115mm', imageRendering: 'pixelated' }}
        />
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
      </div>
    </div>
  );
}
