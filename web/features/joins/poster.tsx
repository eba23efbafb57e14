import { Alert, Card, Result, Skeleton } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { PosterQr, QrPosterSheet, UNION_RED } from '../../components/qr-poster';
import { useRequest } from '../../lib/use-request';
import { fetchJoinSettings, joinUrlOf } from './review-api';
import { t } from './review-messages';

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
  return (
    <QrPosterSheet
      url={url}
      testId="join-poster"
      printLabel={t('poster.print')}
      backLabel={t('poster.back')}
      onBack={() => navigate(-1)}
      padding="18mm 14mm"
      notice={
        !s.takes_members && (
          <Alert type="warning" showIcon title={t('settings.notTaking')} style={{ marginBottom: 16 }} />
        )
      }
    >
      <div style={{ fontSize: '16pt', letterSpacing: '0.3em', color: UNION_RED }}>{t('poster.subtitle')}</div>
      <div style={{ fontSize: '44pt', fontWeight: 700, color: UNION_RED, margin: '6mm 0' }}>{t('poster.title')}</div>
      <div
        style={{ fontSize: '30pt', fontWeight: 700, lineHeight: 1.3, margin: '4mm 0 10mm' }}
        data-testid="poster-name"
      >
        {s.org_name}
      </div>
      <PosterQr url={url} sizeMm={120} />
      <div style={{ fontSize: '16pt', marginTop: '8mm' }}>{t('poster.steps')}</div>
      <div style={{ fontSize: '14pt', marginTop: '6mm', fontFamily: 'monospace' }}>
        {t('poster.code', { code: s.code })}
      </div>
      <div style={{ flex: 1 }} />
      <div style={{ fontSize: '11pt', color: '#666' }}>{t('poster.privacy')}</div>
    </QrPosterSheet>
  );
}
