import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, Segmented, Space, Typography, type MenuProps } from 'antd';
import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { AccountMe } from '../features/auth/api';
import { logOut } from '../features/auth/api';
import { useSession } from '../features/auth/session';
import { useLang, type Lang } from '../lib/i18n';
import { t } from './messages';
import { DemoBanner } from '../components/demo-banner';
import { OrgSwitcher } from './org-switcher';
import { listAllowedSections } from './sections';

const BRAND_STYLE = { padding: '16px 20px', fontWeight: 600, fontSize: 16, color: '#c41d24' } as const;

/**
 * The console's frame. From `lg` (992 px) up the menu is a side bar; below it, a button in the
 * header opens it in a drawer. The header wraps rather than overflows, and on a phone the
 * account's name and the sign-out label give way to icons, so sign-out stays on screen.
 */
export function AdminLayout({ me }: { me: AccountMe }) {
  const [lang, setLang] = useLang();
  const { setMe } = useSession();
  const navigate = useNavigate();
  const section = useLocation().pathname.split('/')[1] ?? '';
  const screens = Grid.useBreakpoint();
  // Until the first measurement useBreakpoint answers {}: the wide layout, as before.
  const isNarrow = screens.lg === false;
  const isPhone = screens.sm === false;
  const [isMenuOpen, setIsMenuOpen] = useState(false);

  const items: MenuProps['items'] = listAllowedSections(me).map((s) => ({
    key: s.path,
    icon: s.icon,
    label: s.badge ? (
      <>
        {t(s.label)}
        <s.badge me={me} />
      </>
    ) : (
      t(s.label)
    ),
  }));
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[section]}
      items={items}
      style={{ borderInlineEnd: 'none' }}
      onClick={({ key }) => {
        setIsMenuOpen(false);
        navigate(`/${key}`);
      }}
    />
  );

  async function handleLogout() {
    // Whatever the server answers, this browser is done with the session.
    await logOut().catch(() => undefined);
    setMe(null);
    navigate('/');
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!isNarrow && (
        <Layout.Sider theme="light" width={200}>
          <div style={BRAND_STYLE}>{t('admin.brand')}</div>
          {menu}
        </Layout.Sider>
      )}
      {isNarrow && (
        <Drawer
          open={isMenuOpen}
          placement="left"
          size={240}
          closable={false}
          onClose={() => setIsMenuOpen(false)}
          styles={{ body: { padding: 0 } }}
          data-testid="menu-drawer"
        >
          <div style={BRAND_STYLE}>{t('admin.brand')}</div>
          {menu}
        </Drawer>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            background: '#fff',
            height: 'auto',
            minHeight: 64,
            lineHeight: 'normal',
            padding: isPhone ? '8px 12px' : '12px 24px',
            display: 'flex',
            flexWrap: 'wrap',
            alignItems: 'center',
            gap: isPhone ? 8 : 16,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          {isNarrow && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('admin.menu')}
              onClick={() => setIsMenuOpen(true)}
              data-testid="menu-button"
            />
          )}
          <div style={{ flex: '1 1 160px', minWidth: 0, maxWidth: 360 }}>
            <OrgSwitcher />
          </div>
          <Space size={isPhone ? 'small' : 'middle'} style={{ marginInlineStart: 'auto' }}>
            <Typography.Text data-testid="current-user" title={me.display_name}>
              <UserOutlined /> {!isPhone && me.display_name}
            </Typography.Text>
            <Segmented<Lang>
              size="small"
              value={lang}
              onChange={setLang}
              options={[
                { value: 'zh', label: '中文' },
                { value: 'en', label: isPhone ? 'EN' : 'English' },
              ]}
            />
            <Button
              icon={<LogoutOutlined />}
              onClick={() => void handleLogout()}
              aria-label={t('admin.logout')}
              data-testid="logout"
            >
              {!isPhone && t('admin.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <DemoBanner />
        <Layout.Content style={{ padding: isPhone ? 12 : 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
