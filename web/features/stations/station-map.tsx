import { Alert, Button, Empty, Space, Spin, Typography } from 'antd';
import type { LatLngBoundsExpression } from 'leaflet';
import { useEffect, useMemo, useState } from 'react';
import { MapContainer, Marker, Popup, useMap, useMapEvents } from 'react-leaflet';
import Supercluster from 'supercluster';
import { STATION_STATUSES, type StationStatus } from '../../../common/stations';
import { ErrorAlert } from '../../components/error-alert';
import { asApiError, type ApiError } from '../../lib/http';
import { listStations, type StationFilters, type StationItem } from './api';
import { clusterIcon, MAP_STYLE, MapTiles, stationIcon, useMapTiles } from './map-tiles';
import { t } from './messages';

/** The map reads at most this many stations of the filters (pages of 200). */
const MAP_MAX = 2000;

type Point = GeoJSON.Feature<GeoJSON.Point, { id: number }>;

/** Every station of the filters, up to MAP_MAX: the map shows what the list would. */
function useAllStations(filters: StationFilters) {
  const [state, setState] = useState<{
    items: StationItem[];
    isLoading: boolean;
    error: ApiError | null;
    capped: boolean;
  }>({ items: [], isLoading: true, error: null, capped: false });
  const key = JSON.stringify(filters);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, isLoading: true, error: null }));
    (async () => {
      const items: StationItem[] = [];
      let cursor: string | null = null;
      do {
        const page = await listStations({ ...filters, cursor, limit: 200 });
        items.push(...page.items);
        cursor = page.next_cursor;
      } while (cursor && items.length < MAP_MAX);
      return { items, capped: cursor !== null };
    })().then(
      ({ items, capped }) => live && setState({ items, isLoading: false, error: null, capped }),
      (err: unknown) => live && setState({ items: [], isLoading: false, error: asApiError(err), capped: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the filters' content is the key
  }, [key]);
  return state;
}

/** Fits the map to the stations once they arrive. */
function FitTo({ bounds }: { bounds: LatLngBoundsExpression | null }) {
  const map = useMap();
  useEffect(() => {
    if (bounds) map.fitBounds(bounds, { padding: [32, 32], maxZoom: 15 });
  }, [map, bounds]);
  return null;
}

/** The clusters of the visible part of the map at its zoom, recomputed as it moves. */
function Clusters({
  index,
  byId,
  toMap,
  onOpen,
}: {
  index: Supercluster<{ id: number }>;
  byId: Map<number, StationItem>;
  toMap: (p: { lat: number; lng: number }) => [number, number];
  onOpen: (id: number) => void;
}) {
  const map = useMap();
  const compute = () => {
    const b = map.getBounds();
    return index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], Math.round(map.getZoom()));
  };
  const [clusters, setClusters] = useState(compute);
  useMapEvents({ moveend: () => setClusters(compute()), zoomend: () => setClusters(compute()) });
  useEffect(() => setClusters(compute()), [index]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <>
      {clusters.map((c) => {
        const [lng, lat] = c.geometry.coordinates as [number, number];
        const props = c.properties as { cluster?: boolean; cluster_id?: number; point_count?: number; id?: number };
        if (props.cluster)
          return (
            <Marker
              key={`c${props.cluster_id}`}
              position={[lat, lng]}
              icon={clusterIcon(props.point_count!)}
              eventHandlers={{
                click: () => map.flyTo([lat, lng], Math.min(index.getClusterExpansionZoom(props.cluster_id!), 18)),
              }}
            />
          );
        const s = byId.get(props.id!)!;
        return (
          <Marker key={s.id} position={toMap(s)} icon={stationIcon(s.status)} title={s.name}>
            <Popup>
              <Space direction="vertical" size={2}>
                <Typography.Text strong>{s.name}</Typography.Text>
                <Typography.Text type="secondary">{s.address}</Typography.Text>
                <span>
                  {STATION_STATUSES[s.status as StationStatus]} · {s.opening_hours}
                </span>
                <Button size="small" type="link" style={{ padding: 0 }} onClick={() => onOpen(s.id)}>
                  {s.can_manage ? t('common.edit') : t('stations.keep')}
                </Button>
              </Space>
            </Popup>
          </Marker>
        );
      })}
    </>
  );
}

/** 地图: the filtered stations, clustered (supercluster), on the deployment's basemap or a plain one. */
export function StationMap({ filters, onOpen }: { filters: StationFilters; onOpen: (id: number) => void }) {
  const tiles = useMapTiles();
  const { items, isLoading, error, capped } = useAllStations(filters);
  const { index, byId, bounds } = useMemo(() => {
    const points: Point[] = items.map((s) => {
      const [lat, lng] = tiles.toMap(s);
      return { type: 'Feature', properties: { id: s.id }, geometry: { type: 'Point', coordinates: [lng, lat] } };
    });
    const index = new Supercluster<{ id: number }>({ radius: 60, maxZoom: 17 }).load(points);
    const lats = points.map((p) => p.geometry.coordinates[1]!);
    const lngs = points.map((p) => p.geometry.coordinates[0]!);
    const bounds: LatLngBoundsExpression | null = points.length
      ? [
          [Math.min(...lats), Math.min(...lngs)],
          [Math.max(...lats), Math.max(...lngs)],
        ]
      : null;
    return { index, byId: new Map(items.map((s) => [s.id, s])), bounds };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- tiles.toMap changes only with the config
  }, [items, tiles.url]);

  if (error) return <ErrorAlert error={error} />;
  return (
    <Spin spinning={isLoading || !tiles.isReady}>
      {!tiles.url && tiles.isReady && (
        <Alert type="info" showIcon title={t('stations.mapNoTiles')} style={{ marginBottom: 8 }} />
      )}
      {capped && (
        <Alert type="warning" showIcon title={t('stations.mapCapped', { n: MAP_MAX })} style={{ marginBottom: 8 }} />
      )}
      {!isLoading && items.length === 0 ? (
        <Empty description={t('stations.mapEmpty')} />
      ) : (
        <div data-testid="stations-map">
          <MapContainer center={[32, 116]} zoom={5} style={{ height: 560, ...MAP_STYLE }} scrollWheelZoom>
            <MapTiles url={tiles.url} />
            <FitTo bounds={bounds} />
            <Clusters index={index} byId={byId} toMap={tiles.toMap} onOpen={onOpen} />
          </MapContainer>
        </div>
      )}
    </Spin>
  );
}
