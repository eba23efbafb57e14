import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { TileLayer } from 'react-leaflet';
import { convertPoint, type LatLng } from '../../../common/geo';
import { useConfig } from '../../lib/config';

/**
 * The console maps' basemap: the deployment's tile URL (none: a plain background, the markers
 * still placed), and the conversion of stored WGS-84 points into the tiles' system and back: a
 * Chinese basemap is drawn in GCJ-02, where a WGS-84 point would land hundreds of metres off.
 */
export function useMapTiles() {
  const config = useConfig();
  const url = config?.tile_url ?? '';
  const crs = url ? (config?.tile_crs ?? 'gcj02') : 'wgs84';
  return {
    url,
    isReady: config !== null,
    toMap: (p: LatLng): [number, number] => {
      const m = convertPoint(p, 'wgs84', crs);
      return [m.lat, m.lng];
    },
    fromMap: (p: { lat: number; lng: number }): LatLng => convertPoint({ lat: p.lat, lng: p.lng }, crs, 'wgs84'),
  };
}

export function MapTiles({ url }: { url: string }) {
  return url ? <TileLayer url={url} maxZoom={18} /> : null;
}

/** A plain background for a map without tiles. */
export const MAP_STYLE = { background: '#eef2f6', borderRadius: 8 } as const;

const STATUS_COLOUR: Record<string, string> = { open: '#1677ff', temporarily_closed: '#fa8c16', retired: '#8c8c8c' };

/** A station's marker: a round dot in its status' colour (no image files to bundle). */
export function stationIcon(status: string, isSelected = false): L.DivIcon {
  const size = isSelected ? 22 : 16;
  return L.divIcon({
    className: '',
    iconSize: [size, size],
    html: `<div style="width:${size}px;height:${size}px;border-radius:50%;background:${STATUS_COLOUR[status] ?? '#1677ff'};border:2px solid #fff;box-shadow:0 1px 4px rgba(0,0,0,.4)"></div>`,
  });
}

/** A cluster's marker: its count in a circle sized by it. */
export function clusterIcon(count: number): L.DivIcon {
  const size = count < 10 ? 30 : count < 100 ? 38 : 46;
  return L.divIcon({
    className: '',
    iconSize: [size, size],
    html: `<div data-testid="map-cluster" style="width:${size}px;height:${size}px;line-height:${size}px;border-radius:50%;background:rgba(200,22,29,.85);color:#fff;text-align:center;font-weight:600;border:3px solid rgba(255,255,255,.8)">${count}</div>`,
  });
}

/** The draggable pin of the station form. */
export const PIN_ICON = L.divIcon({
  className: '',
  iconSize: [28, 40],
  iconAnchor: [14, 40],
  html: '<svg width="28" height="40" viewBox="0 0 28 40" data-testid="map-pin"><path d="M14 0C6.3 0 0 6.3 0 14c0 10.5 14 26 14 26s14-15.5 14-26C28 6.3 21.7 0 14 0z" fill="#c8161d"/><circle cx="14" cy="14" r="5.5" fill="#fff"/></svg>',
});
