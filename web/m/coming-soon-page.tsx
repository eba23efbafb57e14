import { Button, Result } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { t } from './coming-soon-messages';
import type { MessageKeyOf } from '../lib/i18n';
import { MobilePage } from './mobile-page';

export type UpcomingFeature = 'join' | 'stations' | 'notFound';

const TEXT: Record<UpcomingFeature, { title: MessageKeyOf<typeof t>; description: MessageKeyOf<typeof t> }> = {
  join: { title: 'm.tileJoin', description: 'm.joinSoon' },
  stations: { title: 'm.tileStations', description: 'm.stationsSoon' },
  notFound: { title: 'm.notFound', description: 'm.notFoundHint' },
};

/** Entry pages of the H5 services that later issues fill in; they explain, rather than 404. */
export function ComingSoonPage({ feature }: { feature: UpcomingFeature }) {
  const navigate = useNavigate();
  const text = TEXT[feature];
  return (
    <MobilePage title={t(text.title)}>
      <Result
        status={feature === 'notFound' ? 'warning' : 'waiting'}
        title={feature === 'notFound' ? t('m.notFound') : t('m.comingSoon')}
        description={t(text.description)}
        data-testid="m-coming-soon"
      />
      <div style={{ padding: '0 16px' }}>
        <Button block onClick={() => navigate('/', { replace: true })}>
          {t('m.backHome')}
        </Button>
      </div>
    </MobilePage>
  );
}
