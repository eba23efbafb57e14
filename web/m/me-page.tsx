import { Button, Dialog, ErrorBlock, List, SpinLoading } from 'antd-mobile';
import { logOut } from '../features/auth/api';
import { MemberLoginForm } from '../features/auth/member-login-form';
import { SessionProvider, useSession } from '../features/auth/session';
import { useNavigate } from 'react-router-dom';
import { t } from './messages';
import { MobilePage } from './mobile-page';

export function MePage() {
  return (
    <MobilePage title={t('m.tileMe')}>
      <SessionProvider>
        <MeContent />
      </SessionProvider>
    </MobilePage>
  );
}

function MeContent() {
  const { state, reload, setMe } = useSession();
  const navigate = useNavigate();
  if (state.status === 'loading') {
    return (
      <div style={{ padding: 48, display: 'flex', justifyContent: 'center' }}>
        <SpinLoading color="primary" />
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <ErrorBlock status="disconnected" title={t('m.networkPoor')} description={state.error.message}>
        <Button color="primary" onClick={() => void reload()}>
          {t('common.retry')}
        </Button>
      </ErrorBlock>
    );
  }
  if (state.me?.kind !== 'worker') return <MemberLoginForm onLoggedIn={setMe} />;

  const signOut = async () => {
    const confirmed = await Dialog.confirm({
      content: t('m.logoutConfirm'),
      confirmText: t('m.logout'),
      cancelText: t('common.cancel'),
    });
    if (!confirmed) return;
    await logOut().catch(() => undefined);
    setMe(null);
  };

  return (
    <>
      <List header={t('m.myAccount')}>
        <List.Item extra={<span data-testid="m-phone-masked">{state.me.phone_masked}</span>}>{t('m.phone')}</List.Item>
        <List.Item onClick={() => navigate('/card')} data-testid="m-card-link">
          {t('m.myCard')}
        </List.Item>
        <List.Item onClick={() => navigate('/transfers')} data-testid="m-transfers-link">
          {t('m.myTransfers')}
        </List.Item>
      </List>
      <div style={{ padding: 16 }}>
        <Button block color="danger" fill="outline" onClick={() => void signOut()} data-testid="m-logout">
          {t('m.logout')}
        </Button>
      </div>
    </>
  );
}
