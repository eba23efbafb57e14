import { Alert } from 'antd';
import { useConfig } from '../lib/config';
import { t } from './messages';

export function DemoBanner() {
  const config = useConfig();
  if (!config?.demo) return null;
  return <Alert type="warning" banner title={t('demo.bannerAdmin')} data-testid="demo-banner" />;
}
