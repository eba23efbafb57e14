import 'leaflet/dist/leaflet.css';
import { Button } from 'antd-mobile';
import { latLngBounds } from 'leaflet';
import { useEffect, useMemo } from 'react';
import { CircleMarker, MapContainer, Popup, TileLayer, useMap, useMapEvents } from 'react-leaflet';
import { Link } from 'react-router-dom';
import { convertPoint, type LatLng } from '../../../common/geo';
import type { NearbyStation } from './h5-api';
import { t } from './h5-messages';
import { DISTRICT_CENTRE } from './h5-places';
import { positionFragment, type RiderPosition } from './h5-position';
import { Away, OpenBadge } from './h5-station-bits';

/**
 * The finder's map (its own chunk: leaflet never rides with the list). Drawn in the tiles' system
 * (TILE_CRS: GCJ-02 for the Chinese basemaps TILE_URL names); without tiles the markers alone.
 */
interface Props {
  items: NearbyStation[];
  /** The rider's position, in the system the items came in. */
  position: RiderPosition | null;
  tileUrl: string;
  /** The system the tiles are drawn in (TILE_CRS): every point is converted to it. */
  tileCrs: 'wgs84' | 'gcj02';
  picking: boolean;
  onPickingChange: (picking: boolean) => void;
  onPick: (p: RiderPosition) => void;
}

const toMapIn =
  (tileCrs: 'wgs84' | 'gcj02') =>
  (p: LatLng, from: RiderPosition['crs']): [number, number] => {
    const q = convertPoint(p, from, tileCrs);
    return [q.lat, q.lng];
  };

function FitTo({ points }: { points: Array<[number, number]> }) {
  const map = useMap();
  useEffect(() => {
    if (points.length === 1) map.setView(points[0]!, 15);
    else if (points.length > 1) map.fitBounds(latLngBounds(points), { padding: [32, 32], maxZoom: 16 });
  }, [map, points]);
  return null;
}

function PickOnTap({
  picking,
  tileCrs,
  onPick,
}: {
  picking: boolean;
  tileCrs: 'wgs84' | 'gcj02';
  onPick: (p: RiderPosition) => void;
}) {
  useMapEvents({
    click: (e) => {
      if (picking) onPick({ lat: e.latlng.lat, lng: e.latlng.lng, crs: tileCrs });
    },
  });
  return null;
}

export default function StationMap({ items, position, tileUrl, tileCrs, picking, onPickingChange, onPick }: Props) {
  const toMap = useMemo(() => toMapIn(tileCrs), [tileCrs]);
  const crs = position?.crs ?? 'wgs84';
  const here = useMemo(() => (position ? toMap(position, position.crs) : null), [position, toMap]);
  const markers = useMemo(() => items.map((s) => ({ s, at: toMap(s, crs) })), [items, crs, toMap]);
  const points = useMemo(() => [...(here ? [here] : []), ...markers.map((m) => m.at)], [here, markers]);
  const centre = here ?? toMap(DISTRICT_CENTRE, DISTRICT_CENTRE.crs);

  return (
    <div style={{ position: 'relative', margin: '0 12px' }} data-testid="finder-map">
      <div style={{ position: 'relative' }}>
        {(picking || !tileUrl) && (
          <div
            style={{
              position: 'absolute',
              zIndex: 500,
              bottom: 8,
              left: 8,
              right: 8,
              padding: '6px 10px',
              borderRadius: 6,
              background: picking ? 'rgba(196,29,36,0.9)' : 'rgba(0,0,0,0.55)',
              color: '#fff',
              fontSize: 13,
              pointerEvents: 'none',
            }}
            data-testid="finder-map-hint"
          >
            {picking ? t('finder.pickHint') : t('finder.noTiles')}
          </div>
        )}
        <MapContainer
          center={centre}
          zoom={14}
          style={{
            height: 'max(320px, calc(100vh - 300px))',
            borderRadius: 10,
            background: '#eef2f0',
            cursor: picking ? 'crosshair' : undefined,
          }}
          attributionControl={false}
        >
          {tileUrl && <TileLayer url={tileUrl} maxZoom={18} />}
          <FitTo points={points} />
          <PickOnTap picking={picking} tileCrs={tileCrs} onPick={onPick} />
          {markers.map(({ s, at }) => (
            <CircleMarker
              key={s.id}
              center={at}
              radius={11}
              bubblingMouseEvents={false}
              // A constructor option: leaflet applies a class only when it creates the path.
              className="finder-marker"
              pathOptions={{
                color: '#fff',
                weight: 2,
                fillColor: s.open_now ? '#389e0d' : '#8c8c8c',
                fillOpacity: 0.95,
              }}
            >
              <Popup>
                <div style={{ minWidth: 180 }}>
                  <div style={{ fontSize: 15, fontWeight: 600, marginBottom: 4 }}>{s.name}</div>
                  {position && (
                    <div style={{ marginBottom: 4 }}>
                      <Away from={position} to={s} distanceM={s.distance_m} />
                    </div>
                  )}
                  <OpenBadge station={s} />
                  {position && (
                    <Link
                      to={{ pathname: `/stations/${s.id}`, hash: positionFragment(position) }}
                      style={{ display: 'block', marginTop: 8, fontSize: 15 }}
                    >
                      {s.address} ›
                    </Link>
                  )}
                </div>
              </Popup>
            </CircleMarker>
          ))}
          {here && (
            <CircleMarker
              center={here}
              radius={8}
              className="finder-you"
              interactive={false}
              pathOptions={{ color: '#fff', weight: 3, fillColor: '#1677ff', fillOpacity: 1 }}
            />
          )}
        </MapContainer>
      </div>
      <Button
        block
        size="large"
        style={{ marginTop: 8 }}
        color={picking && position ? 'primary' : 'default'}
        onClick={() => onPickingChange(!picking)}
        data-testid="finder-map-pick"
      >
        {picking ? t('finder.cancel') : t('finder.pickOnMap')}
      </Button>
    </div>
  );
}
