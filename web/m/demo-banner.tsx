import { useConfig } from '../lib/config';
import { t } from './messages';

// A plain bar, not NoticeBar: NoticeBar brings react-spring into the first load.
export function DemoBanner() {
  const config = useConfig();
  if (!config?.demo) return null;
  return (
    <div
      role="status"
      data-testid="demo-banner"
      style={{
        background: '#fff7e6',
        color: '#ad4e00',
        borderBottom: '1px solid #ffd591',
        padding: '8px 12px',
        fontSize: 13,
        lineHeight: 1.5,
      }}
    >
      {t('m.demoBanner')}
    </div>
  );
}
