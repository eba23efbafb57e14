import { Button, Collapse, Empty, Tag } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { formatDate } from '../../lib/format';
import { MobileLoadFailed, MobileLoading, MobilePage } from '../../m/mobile-page';
import { MemberLoginForm } from '../auth/member-login-form';
import { SessionProvider, useSession } from '../auth/session';
import { fetchMyCases, type PublicCaseView } from './h5-api';
import { CaseSummary, CaseTimeline } from './h5-case-view';
import { t } from './h5-messages';

/** 我的诉求: the cases filed with the signed-in worker's phone, newest first. */
export function MyCasesPage() {
  return (
    <MobilePage title={t('caseH5.mine')}>
      <SessionProvider>
        <MyCasesContent />
      </SessionProvider>
    </MobilePage>
  );
}

function MyCasesContent() {
  const { state, reload, setMe } = useSession();
  if (state.status === 'loading') return <MobileLoading />;
  if (state.status === 'error')
    return <MobileLoadFailed error={state.error} title={t('m.networkPoor')} onRetry={() => void reload()} />;
  if (state.me?.kind !== 'worker') return <MemberLoginForm onLoggedIn={setMe} />;
  return <MyCasesList />;
}

function MyCasesList() {
  const navigate = useNavigate();
  const [items, setItems] = useState<PublicCaseView[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const load = () => {
    setError(null);
    fetchMyCases().then((page) => setItems(page.items), setError);
  };
  useEffect(load, []);

  if (error) return <MobileLoadFailed error={error} onRetry={load} />;
  if (!items) return <MobileLoading />;
  return (
    <div data-testid="m-my-cases">
      {items.length === 0 ? (
        <Empty description={t('caseH5.mineEmpty')} style={{ padding: '48px 0 16px' }} />
      ) : (
        <Collapse accordion>
          {items.map((c) => (
            <Collapse.Panel
              key={c.tracking_no}
              title={
                <div data-testid="m-my-case">
                  <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
                    <span style={{ fontWeight: 600 }}>{c.subject_label}</span>
                    <Tag color={c.category === 'closed' ? 'success' : 'primary'}>{c.status_label}</Tag>
                  </div>
                  <div style={{ fontSize: 12, color: '#999', marginTop: 2 }}>
                    {c.tracking_no} · {t('caseH5.due')} {formatDate(c.due_date)}
                  </div>
                </div>
              }
            >
              {/* The panel greys its content; the case reads as on 查进度. */}
              <div style={{ color: '#333' }}>
                <CaseSummary view={c} />
                {c.can_rate && (
                  <div style={{ padding: '8px 16px', fontSize: 13, color: '#c41d24' }}>{t('caseH5.rateHint')}</div>
                )}
                <CaseTimeline view={c} />
              </div>
            </Collapse.Panel>
          ))}
        </Collapse>
      )}
      <div style={{ padding: 16, display: 'grid', gap: 12 }}>
        <Button block color="primary" onClick={() => navigate('/cases')}>
          {t('caseH5.fileNew')}
        </Button>
        <Button block onClick={() => navigate('/cases/track')}>
          {t('caseH5.trackLink')}
        </Button>
      </div>
    </div>
  );
}
