import { Button, DotLoading } from 'antd-mobile';
import { lazy, Suspense, useEffect, useState } from 'react';
import { MobileLoading } from '../../m/mobile-page';
import { t } from './h5-messages';
import { isLocationGranted, useLocate, type LocateFailure } from './h5-locate';
import type { RiderPosition } from './h5-position';

interface Props {
  onPosition: (p: RiderPosition) => void;
  onPlace: (p: RiderPosition, label: string) => void;
  onPickOnMap: () => void;
  onCancel?: () => void;
}

// Only when the phone will not say where it is: not in the finder's first load.
const PlacePicker = lazy(() => import('./h5-place-picker').then((m) => ({ default: m.PlacePicker })));

const FAILURE_TEXT = {
  denied: 'finder.denied',
  unavailable: 'finder.unavailable',
  unsupported: 'finder.unsupported',
} as const satisfies Record<LocateFailure, string>;

/**
 * Where is the rider? The page says why it asks before the browser's prompt, and on a refusal or a
 * timeout offers a place to pick instead, so the finder never dead-ends.
 */
export function LocatePanel({ onPosition, onPlace, onPickOnMap, onCancel }: Props) {
  const [state, locate] = useLocate(onPosition);
  const [showPlaces, setShowPlaces] = useState(false);

  // Allowed before: no need to explain again, locate at once.
  useEffect(() => {
    let live = true;
    void isLocationGranted().then((granted) => live && granted && locate());
    return () => {
      live = false;
    };
  }, [locate]);

  const failed = state.status === 'failed' ? state.reason : null;
  return (
    <div data-testid="finder-locate">
      <section style={{ margin: '0 12px', padding: 16, background: '#fff', borderRadius: 10 }}>
        <h2 style={{ margin: '0 0 8px', fontSize: 18 }}>{t('finder.askTitle')}</h2>
        {state.status === 'asking' ? (
          <p style={{ margin: 0, fontSize: 15, color: '#666' }} data-testid="finder-locating">
            {t('finder.locating')} <DotLoading />
          </p>
        ) : failed ? (
          <p
            role="alert"
            style={{ margin: 0, fontSize: 15, lineHeight: 1.6, color: '#ad4e00' }}
            data-testid="finder-locate-failed"
          >
            {t(FAILURE_TEXT[failed])}
          </p>
        ) : (
          <p style={{ margin: 0, fontSize: 15, lineHeight: 1.6, color: '#555' }}>{t('finder.askText')}</p>
        )}
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8, marginTop: 16 }}>
          {failed !== 'unsupported' && (
            <Button
              block
              color="primary"
              size="large"
              loading={state.status === 'asking'}
              onClick={locate}
              data-testid="finder-use-location"
            >
              {failed ? t('finder.retry') : t('finder.useLocation')}
            </Button>
          )}
          {!failed && !showPlaces && (
            <Button block size="large" onClick={() => setShowPlaces(true)} data-testid="finder-show-places">
              {t('finder.pickPlace')}
            </Button>
          )}
          {(failed || showPlaces) && (
            <Button block size="large" onClick={onPickOnMap} data-testid="finder-pick-on-map">
              {t('finder.pickOnMap')}
            </Button>
          )}
          {onCancel && (
            <Button block fill="none" onClick={onCancel}>
              {t('finder.cancel')}
            </Button>
          )}
        </div>
      </section>
      {(failed || showPlaces) && (
        <Suspense fallback={<MobileLoading />}>
          <PlacePicker onPick={onPlace} onPickOnMap={onPickOnMap} />
        </Suspense>
      )}
    </div>
  );
}
