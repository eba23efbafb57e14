import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Segmented, Space, Typography, type MenuProps } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { AccountMe } from '../features/auth/api';
import { logOut } from '../features/auth/api';
import { useSession } from '../features/auth/session';
import { useLang, type Lang } from '../lib/i18n';
import { t } from './messages';
import { DemoBanner } from '../components/demo-banner';
import { OrgSwitcher } from './org-switcher';
import { listAllowedSections } from './sections';

export function AdminLayout({ me }: { me: AccountMe }) {
  const [lang, setLang] = useLang();
  const { setMe } = useSession();
  const navigate = useNavigate();
  const section = useLocation().pathname.split('/')[1] ?? '';

  const items: MenuProps['items'] = listAllowedSections(me).map((s) => ({
    key: s.path,
    icon: s.icon,
    label: t(s.label),
  }));

  async function handleLogout() {
    // Whatever the server answers, this browser is done with the session.
    await logOut().catch(() => undefined);
    setMe(null);
    navigate('/');
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light" width={200}>
        <div style={{ padding: '16px 20px', fontWeight: 600, fontSize: 16, color: '#c41d24' }}>{t('admin.brand')}</div>
        <Menu mode="inline" selectedKeys={[section]} items={items} onClick={({ key }) => navigate(`/${key}`)} />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            gap: 16,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <OrgSwitcher />
          <div style={{ flex: 1 }} />
          <Space size="middle">
            <Typography.Text data-testid="current-user">
              <UserOutlined /> {me.display_name}
            </Typography.Text>
            <Segmented<Lang>
              size="small"
              value={lang}
              onChange={setLang}
              options={[
                { value: 'zh', label: '中文' },
                { value: 'en', label: 'English' },
              ]}
            />
            <Button icon={<LogoutOutlined />} onClick={() => void handleLogout()} data-testid="logout">
              {t('admin.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <DemoBanner />
        <Layout.Content style={{ padding: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
