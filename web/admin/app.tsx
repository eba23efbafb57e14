import { App as AntApp, Button, ConfigProvider, Result } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Suspense, useEffect, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useNavigate } from 'react-router-dom';
import { PageSpinner } from '../components/page-spinner';
import type { AccountMe } from '../features/auth/api';
import { ChangePasswordPage } from '../features/auth/change-password-page';
import { LoginPage } from '../features/auth/login-page';
import { SessionProvider, useSession } from '../features/auth/session';
import { TotpEnrollmentPage } from '../features/auth/totp-enrollment-page';
import { ChunkErrorBoundary } from '../lib/chunk-error-boundary';
import { useLang } from '../lib/i18n';
import { t } from './messages';
import { CurrentRootProvider, useCurrentRoot } from './current-root';
import { AdminLayout } from './layout';
import { ADMIN_SECTIONS, listAllowedSections, mayOpenSection, type AdminSection } from './sections';

export function AdminApp() {
  const [lang] = useLang();
  useEffect(() => {
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
    document.title = t('admin.title');
  }, [lang]);

  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS}>
      <AntApp>
        <SessionProvider>
          <BrowserRouter basename="/admin">
            <Gate />
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

/** Decides what the visitor may see: sign-in, the security set-up they owe, or the console. */
function Gate() {
  const { state } = useSession();
  if (state.status === 'loading') return <PageSpinner />;
  // When /me cannot be answered the sign-in form still shows: signing in is itself the retry.
  if (state.status === 'error') return <LoginPage notice={state.error} />;
  const me = state.me;
  if (!me || me.kind !== 'account') return <LoginPage notice={state.notice} />;
  if (me.restriction === 'password_change') return <ChangePasswordPage me={me} />;
  if (me.restriction === 'totp_enrollment') return <TotpEnrollmentPage me={me} />;

  return (
    <CurrentRootProvider me={me}>
      <ConsoleRoutes me={me} />
    </CurrentRootProvider>
  );
}

function ConsoleRoutes({ me }: { me: AccountMe }) {
  const { root } = useCurrentRoot();
  const rootId = root?.org_id ?? null;
  const home = listAllowedSections(me)[0]?.path;
  const noGrants = <Result status="info" title={t('admin.noGrants')} />;
  // A page's chunk can fail to arrive (network, or a deploy replaced it): offer a reload.
  const lazyPage = (page: ReactNode) => (
    <ChunkErrorBoundary
      fallback={(retry) => (
        <Result
          status="warning"
          title={t('admin.pageLoadFailed')}
          extra={
            <Button type="primary" onClick={retry}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
    >
      <Suspense fallback={<PageSpinner />}>{page}</Suspense>
    </ChunkErrorBoundary>
  );

  return (
    <Routes>
      <Route element={<AdminLayout me={me} />}>
        <Route index element={rootId && home ? <Navigate to={`/${home}`} replace /> : noGrants} />
        {ADMIN_SECTIONS.map((section) => (
          <Route
            key={section.path}
            path={section.params ? `${section.path}/${section.params}` : section.path}
            element={
              !rootId ? (
                noGrants
              ) : mayOpenSection(me, section) ? (
                lazyPage(<section.page me={me} rootId={rootId} />)
              ) : (
                <NoAccess section={section} hasHome={!!home} />
              )
            }
          />
        ))}
        <Route path="*" element={<Result status="404" title={t('common.pageNotFound')} />} />
      </Route>
    </Routes>
  );
}

/** A section the account holds no grant for: said plainly, instead of a page whose every action fails. */
function NoAccess({ section, hasHome }: { section: AdminSection; hasHome: boolean }) {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={t('admin.noAccess')}
      subTitle={t('admin.noAccessHint', { section: t(section.label) })}
      extra={
        hasHome && (
          <Button type="primary" onClick={() => navigate('/')}>
            {t('admin.backHome')}
          </Button>
        )
      }
      data-testid="no-access"
    />
  );
}
