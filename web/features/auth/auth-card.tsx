import { Card, Segmented, Typography } from 'antd';
import type { ReactNode } from 'react';
import { DemoBanner } from '../../components/demo-banner';
import { useLang, type Lang } from '../../lib/i18n';
import { t } from './messages';

/** The frame of the pages shown before the console: sign-in and the security set-up. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  const [lang, setLang] = useLang();
  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <DemoBanner />
      <div style={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16 }}>
        <Card style={{ width: 400, maxWidth: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
            <Typography.Text strong style={{ color: '#c41d24' }}>
              {t('auth.brand')}
            </Typography.Text>
            <Segmented<Lang>
              size="small"
              value={lang}
              onChange={setLang}
              options={[
                { value: 'zh', label: '中文' },
                { value: 'en', label: 'EN' },
              ]}
            />
          </div>
          <Typography.Title level={3} style={{ marginTop: 8 }}>
            {title}
          </Typography.Title>
          {children}
        </Card>
      </div>
    </div>
  );
}
