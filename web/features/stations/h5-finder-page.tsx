import { Button, Switch } from 'antd-mobile';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { AMENITY_CODES, NEARBY_RADIUS_DEFAULT_M } from '../../../common/stations';
import { ChunkErrorBoundary } from '../../lib/chunk-error-boundary';
import { useConfig } from '../../lib/config';
import { useRequest } from '../../lib/use-request';
import { MobileLoadFailed, MobileLoading, MobilePage } from '../../m/mobile-page';
import { findNearby } from './h5-api';
import { LocatePanel } from './h5-locate-panel';
import { t } from './h5-messages';
import { parsePositionFragment, positionFragment, type RiderPosition } from './h5-position';
import { amenityLabel } from './h5-station-bits';
import { StationList } from './h5-station-list';

// Leaflet comes only with the map tab: the list must not wait for it on a weak signal.
const StationMap = lazy(() => import('./h5-station-map'));

type Source = 'gps' | 'host' | 'place' | 'map';
interface Where {
  position: RiderPosition;
  source: Source;
  label?: string;
}

// What a rider wants most first; the rest follow in the registry's order.
const FIRST = ['microwave', 'ebike_charging', 'phone_charging', 'hot_water', 'toilet', 'air_conditioning'];
const FILTERS = [...FIRST, ...AMENITY_CODES.filter((a) => !FIRST.includes(a))];

// Survives going to a station and back (the fragment survives a reload, and carries a host app's position).
let remembered: Where | null = null;

function whereFrom(hash: string): Where | null {
  const position = parsePositionFragment(hash);
  if (!position) return null;
  const same = remembered && positionFragment(remembered.position) === positionFragment(position);
  return same ? remembered : { position, source: 'host' };
}

/** 找驿站: the nearest stations to the rider, list first, map on demand. */
export function FinderPage() {
  const [where, setWhereState] = useState<Where | null>(() => whereFrom(window.location.hash));
  const [changing, setChanging] = useState(false);
  const [tab, setTab] = useState<'list' | 'map'>('list');
  const [picking, setPicking] = useState(false);
  const [amenities, setAmenities] = useState<string[]>([]);
  const [openNow, setOpenNow] = useState(true);
  const [radiusM, setRadiusM] = useState(NEARBY_RADIUS_DEFAULT_M);
  const config = useConfig();
  const tileUrl = config?.tile_url ?? '';
  const tileCrs = config?.tile_crs ?? 'gcj02';

  const setWhere = useCallback((next: Where) => {
    remembered = next;
    setWhereState(next);
    setChanging(false);
    setPicking(false);
    // The fragment, never the query: it stays on the phone (a browser does not send it).
    window.history.replaceState(window.history.state, '', positionFragment(next.position));
  }, []);

  // A host app (WeChat, AMap, Baidu web-views) may hand a new position over by changing the fragment.
  useEffect(() => {
    const onHash = () => {
      const next = whereFrom(window.location.hash);
      if (next) setWhere(next);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [setWhere]);

  const filter = { amenities, openNow, radiusM };
  const key = where && !changing ? JSON.stringify([where.position, filter]) : null;
  const nearby = useRequest(key, () => findNearby(where!.position, filter));

  const toggle = (code: string) =>
    setAmenities((list) => (list.includes(code) ? list.filter((a) => a !== code) : [...list, code]));
  const locating = !where || changing;
  const sourceLabel =
    where?.label ??
    t(
      where?.source === 'gps' ? 'finder.whereGps' : where?.source === 'map' ? 'finder.wherePicked' : 'finder.whereHost',
    );

  return (
    <MobilePage title={t('finder.title')}>
      {where && !changing && (
        <div
          style={{ display: 'flex', alignItems: 'center', padding: '8px 12px 8px 16px', background: '#fff', gap: 8 }}
        >
          <span
            style={{
              flex: 1,
              fontSize: 14,
              color: '#333',
              minWidth: 0,
              overflow: 'hidden',
              textOverflow: 'ellipsis',
              whiteSpace: 'nowrap',
            }}
            data-testid="finder-where"
          >
            <span
              aria-hidden
              style={{
                display: 'inline-block',
                width: 10,
                height: 10,
                borderRadius: '50%',
                background: '#1677ff',
                border: '2px solid #bae0ff',
                marginRight: 6,
                verticalAlign: -1,
              }}
            />
            {sourceLabel}
          </span>
          <Button
            size="small"
            fill="outline"
            onClick={() => setChanging(true)}
            data-testid="finder-change"
            style={{ minHeight: 36 }}
          >
            {t('finder.change')}
          </Button>
        </div>
      )}
      {(!locating || picking) && (
        <div
          style={{ display: 'flex', margin: '8px 12px', background: '#e8e8e8', borderRadius: 8, padding: 3 }}
          role="tablist"
        >
          {(['list', 'map'] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={tab === name}
              data-testid={`finder-tab-${name}`}
              onClick={() => setTab(name)}
              style={{
                flex: 1,
                minHeight: 40,
                border: 0,
                borderRadius: 6,
                fontSize: 15,
                background: tab === name ? '#fff' : 'transparent',
                color: tab === name ? '#c41d24' : '#555',
                fontWeight: tab === name ? 600 : 400,
              }}
            >
              {t(name === 'list' ? 'finder.tabList' : 'finder.tabMap')}
            </button>
          ))}
        </div>
      )}
      {!locating && (
        <div style={{ background: '#fff', padding: '8px 0 4px' }}>
          <div
            style={{
              display: 'flex',
              gap: 8,
              overflowX: 'auto',
              padding: '0 12px 6px',
              WebkitOverflowScrolling: 'touch',
            }}
            aria-label={t('finder.filters')}
            data-testid="finder-filters"
          >
            {FILTERS.map((code) => {
              const on = amenities.includes(code);
              return (
                <button
                  key={code}
                  type="button"
                  aria-pressed={on}
                  data-amenity={code}
                  onClick={() => toggle(code)}
                  style={{
                    flex: 'none',
                    minHeight: 40,
                    padding: '0 14px',
                    borderRadius: 20,
                    fontSize: 14,
                    border: `1px solid ${on ? '#c41d24' : '#ddd'}`,
                    background: on ? '#fff1f0' : '#fff',
                    color: on ? '#c41d24' : '#333',
                    whiteSpace: 'nowrap',
                  }}
                >
                  {on ? '✓ ' : ''}
                  {amenityLabel(code)}
                </button>
              );
            })}
          </div>
          <label
            style={{
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'space-between',
              padding: '6px 16px',
              fontSize: 15,
            }}
          >
            {t('finder.openOnly')}
            <Switch checked={openNow} onChange={setOpenNow} data-testid="finder-open-only" />
          </label>
        </div>
      )}
      {tab === 'map' && (picking || !locating) ? (
        <ChunkErrorBoundary
          fallback={(retry) => <MobileLoadFailed error={new Error(t('finder.mapLoading'))} onRetry={retry} />}
        >
          <Suspense fallback={<MobileLoading />}>
            <StationMap
              items={nearby.data?.items ?? []}
              position={locating ? null : where!.position}
              tileUrl={tileUrl}
              tileCrs={tileCrs}
              picking={picking || locating}
              onPickingChange={setPicking}
              onPick={(position) => setWhere({ position, source: 'map' })}
            />
          </Suspense>
        </ChunkErrorBoundary>
      ) : locating ? (
        <LocatePanel
          onPosition={(position) => setWhere({ position, source: 'gps' })}
          onPlace={(position, label) => setWhere({ position, source: 'place', label })}
          onPickOnMap={() => {
            setPicking(true);
            setTab('map');
          }}
          onCancel={where ? () => setChanging(false) : undefined}
        />
      ) : nearby.error ? (
        <MobileLoadFailed error={nearby.error} onRetry={nearby.reload} />
      ) : !nearby.data || nearby.isLoading ? (
        <MobileLoading />
      ) : (
        <StationList
          items={nearby.data.items}
          position={where!.position}
          radiusM={radiusM}
          hasFilters={amenities.length > 0 || openNow}
          onWiden={setRadiusM}
          onClearFilters={() => {
            setAmenities([]);
            setOpenNow(false);
          }}
        />
      )}
      <p style={{ margin: 0, padding: '8px 16px 24px', fontSize: 12, color: '#aaa' }}>{t('finder.privacy')}</p>
    </MobilePage>
  );
}
