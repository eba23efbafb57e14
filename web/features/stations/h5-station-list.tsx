import { Button } from 'antd-mobile';
import { ErrorBlock } from '../../m/light-ui';
import { Link } from 'react-router-dom';
import type { NearbyStation } from './h5-api';
import { t } from './h5-messages';
import { positionFragment, type RiderPosition } from './h5-position';
import { AmenityTags, Away, OpenBadge } from './h5-station-bits';

const MAX_RADIUS_M = 50_000;
const MORE_CHIPS = 6;

interface Props {
  items: NearbyStation[];
  position: RiderPosition;
  radiusM: number;
  hasFilters: boolean;
  onWiden: (radiusM: number) => void;
  onClearFilters: () => void;
}

/** The nearest stations, nearest first: what a rider on a weak signal sees before any map loads. */
export function StationList({ items, position, radiusM, hasFilters, onWiden, onClearFilters }: Props) {
  const km = radiusM / 1000;
  if (items.length === 0) {
    const wider = radiusM < 20_000 ? 20_000 : MAX_RADIUS_M;
    return (
      <ErrorBlock
        status="empty"
        title={t('finder.empty', { km })}
        description={t('finder.emptyHint')}
        data-testid="finder-empty"
        style={{ padding: '24px 16px' }}
      >
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8, alignItems: 'center' }}>
          {radiusM < MAX_RADIUS_M && (
            <Button color="primary" onClick={() => onWiden(wider)} data-testid="finder-widen">
              {t('finder.widen', { km: wider / 1000 })}
            </Button>
          )}
          {hasFilters && (
            <Button onClick={onClearFilters} data-testid="finder-clear-filters">
              {t('finder.clearFilters')}
            </Button>
          )}
        </div>
      </ErrorBlock>
    );
  }
  return (
    <>
      <div style={{ padding: '8px 16px', fontSize: 13, color: '#999' }}>
        {t('finder.count', { km, n: items.length })}
      </div>
      <ol style={{ listStyle: 'none', margin: 0, padding: '0 12px 16px' }} data-testid="finder-list">
        {items.map((s) => (
          <li key={s.id} style={{ marginBottom: 8 }}>
            <Link
              to={{ pathname: `/stations/${s.id}`, hash: positionFragment(position) }}
              data-testid="finder-item"
              data-id={s.id}
              style={{
                display: 'block',
                padding: '12px 14px',
                background: '#fff',
                borderRadius: 10,
                color: '#333',
                textDecoration: 'none',
              }}
            >
              <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                <span style={{ flex: 1, fontSize: 16, fontWeight: 500, lineHeight: 1.4, wordBreak: 'break-word' }}>
                  {s.name}
                </span>
                <span style={{ fontSize: 14, color: '#c41d24', fontWeight: 500, paddingTop: 1 }}>
                  <Away from={position} to={s} distanceM={s.distance_m} />
                </span>
              </div>
              <div style={{ margin: '4px 0 6px', fontSize: 13, color: '#888', lineHeight: 1.4 }}>{s.address}</div>
              <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 4 }}>
                <OpenBadge station={s} />
              </div>
              {s.amenities.length > 0 && (
                <div style={{ marginTop: 6 }}>
                  <AmenityTags codes={s.amenities} max={MORE_CHIPS} />
                </div>
              )}
            </Link>
          </li>
        ))}
      </ol>
    </>
  );
}
