import { Button, List, Result, Toast } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { formatDate } from '../../lib/format';
import { MobilePage } from '../../m/mobile-page';
import type { CaseFiled } from './h5-api';
import { t } from './h5-messages';

async function copy(text: string) {
  try {
    await navigator.clipboard.writeText(text);
    Toast.show({ icon: 'success', content: t('caseH5.copied') });
  } catch {
    // No clipboard (an old WebView, a page not served over HTTPS): the number stays on screen.
    Toast.show(t('caseH5.copyFailed'));
  }
}

/** After filing: the tracking number to keep (with a copy button), the union, and the date to expect an answer by. */
export function CaseFiledResult({ filed }: { filed: CaseFiled }) {
  const navigate = useNavigate();
  return (
    <MobilePage title={t('caseH5.title')}>
      <div style={{ background: '#fff' }} data-testid="m-case-filed">
        <Result status="success" title={t('caseH5.filed')} description={t('caseH5.filedHint')} />
        <div style={{ textAlign: 'center', padding: '0 16px 16px' }}>
          <div style={{ fontSize: 13, color: '#999' }}>{t('caseH5.trackingNo')}</div>
          <div
            style={{ fontSize: 26, fontWeight: 700, letterSpacing: 1, fontFamily: 'monospace', margin: '4px 0 8px' }}
            data-testid="m-case-filed-no"
          >
            {filed.tracking_no}
          </div>
          <Button
            size="small"
            color="primary"
            fill="outline"
            onClick={() => void copy(filed.tracking_no)}
            data-testid="m-case-copy"
          >
            {t('caseH5.copy')}
          </Button>
        </div>
      </div>
      <List style={{ marginTop: 12 }}>
        <List.Item extra={filed.status_label}>{t('caseH5.status')}</List.Item>
        <List.Item extra={<span data-testid="m-case-filed-org">{filed.org_name}</span>}>{t('caseH5.org')}</List.Item>
        <List.Item
          extra={
            <span data-testid="m-case-filed-due">{t('caseH5.dueValue', { date: formatDate(filed.due_date) })}</span>
          }
        >
          {t('caseH5.due')}
        </List.Item>
      </List>
      <div style={{ padding: 16, display: 'grid', gap: 12 }}>
        <Button
          block
          color="primary"
          onClick={() => navigate(`/cases/track?no=${encodeURIComponent(filed.tracking_no)}`)}
          data-testid="m-case-view-progress"
        >
          {t('caseH5.viewProgress')}
        </Button>
        <Button block onClick={() => navigate('/', { replace: true })}>
          {t('caseH5.backHome')}
        </Button>
      </div>
    </MobilePage>
  );
}
