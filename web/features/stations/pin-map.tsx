import type { LeafletEventHandlerFnMap, Marker as LeafletMarker } from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { MapContainer, Marker, useMap, useMapEvents } from 'react-leaflet';
import type { LatLng } from '../../../common/geo';
import { MAP_STYLE, MapTiles, PIN_ICON, useMapTiles } from './map-tiles';

/** Follows the pin when it is set from outside (typed coordinates). */
function Follow({ at }: { at: [number, number] | null }) {
  const map = useMap();
  useEffect(() => {
    if (at && !map.getBounds().contains(at)) map.setView(at, Math.max(map.getZoom(), 15));
  }, [map, at]);
  return null;
}

function ClickToPlace({ onPlace }: { onPlace: (p: { lat: number; lng: number }) => void }) {
  useMapEvents({ click: (e) => onPlace(e.latlng) });
  return null;
}

/**
 * The station form's map: a pin at `value` (WGS-84) that can be dragged, or placed by a click;
 * either answers the new WGS-84 point. Without a value it opens on `near`.
 */
export function PinMap({
  value,
  near,
  onChange,
}: {
  value: LatLng | null;
  near: LatLng;
  onChange: (p: LatLng) => void;
}) {
  const tiles = useMapTiles();
  const marker = useRef<LeafletMarker>(null);
  const at = value ? tiles.toMap(value) : null;
  const handlers = useMemo<LeafletEventHandlerFnMap>(
    () => ({
      dragend: () => {
        const m = marker.current;
        if (m) onChange(tiles.fromMap(m.getLatLng()));
      },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- tiles convert by the config alone
    [onChange, tiles.url],
  );
  return (
    <div data-testid="station-pin-map">
      <MapContainer center={at ?? tiles.toMap(near)} zoom={at ? 16 : 13} style={{ height: 280, ...MAP_STYLE }}>
        <MapTiles url={tiles.url} />
        <ClickToPlace onPlace={(p) => onChange(tiles.fromMap(p))} />
        <Follow at={at} />
        {at && <Marker position={at} icon={PIN_ICON} draggable eventHandlers={handlers} ref={marker} />}
      </MapContainer>
    </div>
  );
}
