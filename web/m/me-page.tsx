import { Button, Dialog, List } from 'antd-mobile';
import { logOut } from '../features/auth/api';
import { MemberLoginForm } from '../features/auth/member-login-form';
import { SessionProvider, useSession } from '../features/auth/session';
import { useNavigate } from 'react-router-dom';
import { t } from './messages';
import { MobileLoadFailed, MobileLoading, MobilePage } from './mobile-page';

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
    return <MobileLoading />;
  }
  if (state.status === 'error') {
    return <MobileLoadFailed error={state.error} title={t('m.networkPoor')} onRetry={() => void reload()} />;
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
        <List.Item onClick={() => navigate('/cases/mine')} data-testid="m-my-cases-link">
          {t('m.myCases')}
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
