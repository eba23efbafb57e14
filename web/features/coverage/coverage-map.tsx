import 'leaflet/dist/leaflet.css';
import { divIcon, latLngBounds } from 'leaflet';
import { useEffect, useMemo } from 'react';
import { Circle, CircleMarker, MapContainer, Marker, TileLayer, Tooltip, useMap } from 'react-leaflet';
import { SERVICE_RADIUS_M } from '../../../common/stations';
import type { CoverageResult } from './api';
import { t } from './messages';

type Point = [number, number];

function FitTo({ points }: { points: Point[] }) {
  const map = useMap();
  useEffect(() => {
    if (points.length > 0) map.fitBounds(latLngBounds(points), { padding: [24, 24], maxZoom: 15 });
  }, [map, points]);
  return null;
}

const siteIcon = (rank: number) =>
  divIcon({
    className: 'coverage-site',
    html: `<div style="width:26px;height:26px;border-radius:13px;background:#1677ff;color:#fff;font-weight:600;display:flex;align-items:center;justify-content:center;border:2px solid #fff;box-shadow:0 1px 4px rgba(0,0,0,.4)">${rank}</div>`,
    iconSize: [26, 26],
    iconAnchor: [13, 13],
  });

/**
 * The gap map (its own chunk, with leaflet): open stations, the uncovered clusters sized by the
 * people in them, and the suggested sites with their 1 km circle. Coordinates come in the tiles' system
 * (TILE_CRS: GCJ-02 for a Chinese basemap); without tiles the points alone.
 */
export default function CoverageMap({ result, tileUrl }: { result: CoverageResult; tileUrl: string }) {
  const maxGap = Math.max(1, ...result.gaps.map((g) => g.weight));
  const points = useMemo<Point[]>(
    () => [
      ...result.gaps.map((g): Point => [g.lat, g.lng]),
      ...result.suggestions.map((s): Point => [s.lat, s.lng]),
      ...result.station_points.map((s): Point => [s.lat, s.lng]),
    ],
    [result],
  );
  return (
    <div data-testid="coverage-map">
      <MapContainer
        center={points[0] ?? [28.45, 117.95]}
        zoom={12}
        style={{ height: 460, borderRadius: 8, background: '#eef2f0' }}
        attributionControl={false}
      >
        {tileUrl && <TileLayer url={tileUrl} maxZoom={18} />}
        <FitTo points={points} />
        {result.station_points.map((s, i) => (
          <CircleMarker
            key={`s${i}`}
            center={[s.lat, s.lng]}
            radius={5}
            pathOptions={{ color: '#fff', weight: 1, fillColor: '#389e0d', fillOpacity: 0.9 }}
          />
        ))}
        {result.gaps.map((g, i) => (
          <CircleMarker
            key={`g${i}`}
            center={[g.lat, g.lng]}
            radius={6 + 18 * Math.sqrt(g.weight / maxGap)}
            pathOptions={{ color: '#cf1322', weight: 1, fillColor: '#ff4d4f', fillOpacity: 0.35 }}
          >
            <Tooltip>{t('coverage.gap', { n: i + 1, weight: g.weight, points: g.points })}</Tooltip>
          </CircleMarker>
        ))}
        {result.suggestions.map((s) => (
          <Circle
            key={`c${s.rank}`}
            center={[s.lat, s.lng]}
            radius={SERVICE_RADIUS_M}
            pathOptions={{ color: '#1677ff', weight: 1, dashArray: '4 4', fillOpacity: 0.05 }}
          />
        ))}
        {result.suggestions.map((s) => (
          <Marker key={`m${s.rank}`} position={[s.lat, s.lng]} icon={siteIcon(s.rank)}>
            <Tooltip>
              {t('coverage.suggestions')} {s.rank}：{t('coverage.covers')} {s.covers}
            </Tooltip>
          </Marker>
        ))}
      </MapContainer>
      <div style={{ color: '#666', fontSize: 12, marginTop: 6 }}>
        {t('coverage.legend')}
        {!tileUrl && <span> · {t('coverage.noTiles')}</span>}
      </div>
    </div>
  );
}
