import { Button, ConfigProvider, DotLoading } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { ChunkErrorBoundary } from '../lib/chunk-error-boundary';
import { useLang } from '../lib/i18n';
import { t } from './messages';
import { HomePage } from './home-page';

// Only the home page is in the first load; everything else comes when it is opened.
const ComingSoonPage = lazy(() => import('./coming-soon-page').then((m) => ({ default: m.ComingSoonPage })));
const CardPage = lazy(() => import('../features/cards/card-page').then((m) => ({ default: m.CardPage })));
const MePage = lazy(() => import('./me-page').then((m) => ({ default: m.MePage })));
const JoinPage = lazy(() => import('../features/joins/h5-join-page').then((m) => ({ default: m.JoinPage })));
const JoinStatusPage = lazy(() =>
  import('../features/joins/h5-join-status-page').then((m) => ({ default: m.JoinStatusPage })),
);
const TransfersPage = lazy(() =>
  import('../features/transfers/h5-transfers-page').then((m) => ({ default: m.TransfersH5Page })),
);
const CheckInPage = lazy(() =>
  import('../features/station-visits/h5-check-in-page').then((m) => ({ default: m.CheckInPage })),
);
const RatePage = lazy(() => import('../features/station-visits/h5-rate-page').then((m) => ({ default: m.RatePage })));
const ReportPage = lazy(() =>
  import('../features/station-visits/h5-report-page').then((m) => ({ default: m.ReportPage })),
);
const FinderPage = lazy(() => import('../features/stations/h5-finder-page').then((m) => ({ default: m.FinderPage })));
const StationPage = lazy(() =>
  import('../features/stations/h5-station-page').then((m) => ({ default: m.StationPage })),
);
const CasePage = lazy(() => import('../features/cases/h5-case-page').then((m) => ({ default: m.CasePage })));
const CaseTrackPage = lazy(() => import('../features/cases/h5-track-page').then((m) => ({ default: m.CaseTrackPage })));
const MyCasesPage = lazy(() => import('../features/cases/h5-my-cases-page').then((m) => ({ default: m.MyCasesPage })));
const PrivacyPage = lazy(() => import('./privacy-page').then((m) => ({ default: m.PrivacyPage })));

// The first load keeps to light components (no react-spring, no illustrations); the pages
// that open later may use anything.
function PageLoading() {
  return (
    <div style={{ paddingTop: '30vh', textAlign: 'center', fontSize: 24 }}>
      <DotLoading color="primary" />
    </div>
  );
}

function LoadFailed({ retry }: { retry: () => void }) {
  return (
    <div role="alert" style={{ padding: '30vh 24px 0', textAlign: 'center' }}>
      <div style={{ fontSize: 17, fontWeight: 500 }}>{t('m.networkPoor')}</div>
      <p style={{ color: '#999', fontSize: 14 }}>{t('m.networkPoorHint')}</p>
      <Button color="primary" onClick={retry}>
        {t('common.retry')}
      </Button>
    </div>
  );
}

function lazyPage(page: ReactNode) {
  return (
    <ChunkErrorBoundary fallback={(retry) => <LoadFailed retry={retry} />}>
      <Suspense fallback={<PageLoading />}>{page}</Suspense>
    </ChunkErrorBoundary>
  );
}

export function MobileApp() {
  const [lang] = useLang();
  useEffect(() => {
    document.title = t('m.title');
  }, [lang]);

  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS}>
      <BrowserRouter basename="/m">
        <Routes>
          <Route index element={<HomePage />} />
          <Route path="join" element={lazyPage(<JoinPage />)} />
          <Route path="join/status" element={lazyPage(<JoinStatusPage />)} />
          <Route path="stations" element={lazyPage(<FinderPage />)} />
          <Route path="stations/:id" element={lazyPage(<StationPage />)} />
          <Route path="stations/:id/check-in" element={lazyPage(<CheckInPage />)} />
          <Route path="stations/:id/rate" element={lazyPage(<RatePage />)} />
          <Route path="stations/:id/report" element={lazyPage(<ReportPage />)} />
          <Route path="cases" element={lazyPage(<CasePage />)} />
          <Route path="cases/track" element={lazyPage(<CaseTrackPage />)} />
          <Route path="cases/mine" element={lazyPage(<MyCasesPage />)} />
          <Route path="me" element={lazyPage(<MePage />)} />
          <Route path="card" element={lazyPage(<CardPage />)} />
          <Route path="transfers" element={lazyPage(<TransfersPage />)} />
          <Route path="privacy" element={lazyPage(<PrivacyPage />)} />
          <Route path="*" element={lazyPage(<ComingSoonPage feature="notFound" />)} />
        </Routes>
      </BrowserRouter>
    </ConfigProvider>
  );
}
