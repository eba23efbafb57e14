import { Button, Result } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { t } from './coming-soon-messages';
import type { MessageKeyOf } from '../lib/i18n';
import { HotlineLink } from './hotline-link';
import { MobilePage } from './mobile-page';

export type UpcomingFeature = 'join' | 'stations' | 'cases' | 'notFound';

const TEXT: Record<UpcomingFeature, { title: MessageKeyOf<typeof t>; description: MessageKeyOf<typeof t> }> = {
  join: { title: 'm.tileJoin', description: 'm.joinSoon' },
  stations: { title: 'm.tileStations', description: 'm.stationsSoon' },
  cases: { title: 'm.tileCases', description: 'm.casesIntro' },
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
      {feature === 'cases' && (
        <p
          style={{
            margin: '0 16px 16px',
            padding: 16,
            background: '#fff',
            borderRadius: 12,
            fontSize: 15,
            textAlign: 'center',
          }}
        >
          {t('m.hotlineUrgent')} <HotlineLink testId="m-hotline" />
        </p>
      )}
      <div style={{ padding: '0 16px' }}>
        <Button block onClick={() => navigate('/', { replace: true })}>
          {t('m.backHome')}
        </Button>
      </div>
    </MobilePage>
  );
}
