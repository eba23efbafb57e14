import { PrinterOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Result, Skeleton, Space } from 'antd';
import { useNavigate } from 'react-router-dom';
import { renderSVG } from 'uqr';
import { ErrorAlert } from '../../components/error-alert';
import { useRequest } from '../../lib/use-request';
import { fetchJoinSettings, joinUrlOf } from './review-api';
import { t } from './review-messages';

/** 工会红: the union's red. */
const UNION_RED = '#c8161d';

/**
 * Only the poster is printed: the console around it is hidden, the page is A4 portrait with no
 * margins the browser would add, and the union's red is kept (print-color-adjust).
 */
const PRINT_CSS = `
@media print {
  @page { size: A4 portrait; margin: 0; }
  body * { visibility: hidden !important; }
  .join-poster, .join-poster * { visibility: visible !important; }
  .join-poster { position: fixed; inset: 0; width: 210mm; height: 297mm; margin: 0; box-shadow: none !important;
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .join-poster-tools { display: none !important; }
}`;

/** The printable QR poster of one union: its join URL as a QR, its name big, A4. */
export function JoinPoster({ orgId }: { orgId: number }) {
  const navigate = useNavigate();
  const settings = useRequest(String(orgId), () => fetchJoinSettings(orgId));
  if (settings.error?.code === 'not_found') return <Result status="404" title={t('common.pageNotFound')} />;
  if (settings.error)
    return (
      <Card>
        <ErrorAlert error={settings.error} onRetry={settings.reload} />
      </Card>
    );
  const s = settings.data;
  if (!s) return <Skeleton active paragraph={{ rows: 10 }} />;
  const url = joinUrlOf(s.code);
  const svg = renderSVG(url, { border: 1 });
  return (
    <div>
      <style>{PRINT_CSS}</style>
      <Space className="join-poster-tools" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="poster-print">
          {t('poster.print')}
        </Button>
        <Button icon={<RollbackOutlined />} onClick={() => navigate(-1)}>
          {t('poster.back')}
        </Button>
      </Space>
      {!s.takes_members && (
        <Alert
          className="join-poster-tools"
          type="warning"
          showIcon
          title={t('settings.notTaking')}
          style={{ marginBottom: 16 }}
        />
      )}
      <div
        className="join-poster"
        data-testid="join-poster"
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
          padding: '18mm 14mm',
        }}
      >
        <div style={{ fontSize: '16pt', letterSpacing: '0.3em', color: UNION_RED }}>{t('poster.subtitle')}</div>
        <div style={{ fontSize: '44pt', fontWeight: 700, color: UNION_RED, margin: '6mm 0' }}>{t('poster.title')}</div>
        <div
          style={{ fontSize: '30pt', fontWeight: 700, lineHeight: 1.3, margin: '4mm 0 10mm' }}
          data-testid="poster-name"
        >
          {s.org_name}
        </div>
        <img
          alt={url}
          src={`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`}
          style={{ width: '120mm', height: '120mm', imageRendering: 'pixelated' }}
        />
        <div style={{ fontSize: '16pt', marginTop: '8mm' }}>{t('poster.steps')}</div>
        <div style={{ fontSize: '14pt', marginTop: '6mm', fontFamily: 'monospace' }}>
          {t('poster.code', { code: s.code })}
        </div>
        <div style={{ flex: 1 }} />
        <div style={{ fontSize: '11pt', color: '#666' }}>{t('poster.privacy')}</div>
      </div>
    </div>
  );
}
