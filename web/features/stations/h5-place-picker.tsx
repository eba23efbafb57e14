import { Button, List, SearchBar } from 'antd-mobile';
import { useEffect, useMemo, useState } from 'react';
import { http } from '../../lib/http';
import type { NearbyStation } from './h5-api';
import { t } from './h5-messages';
import { DISTRICT_CENTRE, PLACES } from './h5-places';
import type { RiderPosition } from './h5-position';

interface Props {
  onPick: (p: RiderPosition, label: string) => void;
  onPickOnMap: () => void;
}

// The district's stations, once, for the search by a station's name or address (no position sent but the district's centre).
let districtStations: Promise<NearbyStation[]> | null = null;
const loadDistrictStations = () =>
  (districtStations ??= http
    .get<{ items: NearbyStation[] }>('/stations/nearby', {
      query: { ...DISTRICT_CENTRE, limit: 50, radius_m: 50_000 },
    })
    .then(
      (r) => r.items,
      () => {
        districtStations = null;
        return [];
      },
    ));

/** Where the rider is when the phone will not say: a place or a station by name, or a point on the map. */
export function PlacePicker({ onPick, onPickOnMap }: Props) {
  const [q, setQ] = useState('');
  const [stations, setStations] = useState<NearbyStation[]>([]);
  useEffect(() => {
    if (q.trim() === '') return;
    let live = true;
    void loadDistrictStations().then((s) => live && setStations(s));
    return () => {
      live = false;
    };
  }, [q]);

  const words = q.trim();
  const places = useMemo(
    () => (words ? PLACES.filter((p) => p.name.includes(words) || p.hint.includes(words)) : PLACES),
    [words],
  );
  const matching = words
    ? stations.filter((s) => s.name.includes(words) || s.address.includes(words)).slice(0, 10)
    : [];

  return (
    <section data-testid="finder-places" style={{ background: '#fff', marginTop: 8 }}>
      <div style={{ padding: '12px 12px 4px', fontSize: 16, fontWeight: 500 }}>{t('finder.placesTitle')}</div>
      <div style={{ padding: '4px 12px 8px' }}>
        <SearchBar placeholder={t('finder.placeSearch')} value={q} onChange={setQ} data-testid="finder-place-search" />
      </div>
      <List style={{ '--border-top': 'none' }}>
        {places.map((p) => (
          <List.Item key={p.name} description={p.hint} onClick={() => onPick(p.position, p.name)} arrow>
            {p.name}
          </List.Item>
        ))}
        {matching.map((s) => (
          <List.Item
            key={`s${s.id}`}
            description={s.address}
            extra={<span style={{ fontSize: 12 }}>{t('finder.placeStation')}</span>}
            onClick={() => onPick({ lat: s.lat, lng: s.lng, crs: 'wgs84' }, s.name)}
            arrow
          >
            {s.name}
          </List.Item>
        ))}
      </List>
      {places.length === 0 && matching.length === 0 && (
        <p style={{ margin: 0, padding: '8px 16px', color: '#999', fontSize: 14 }}>{t('finder.placesNone')}</p>
      )}
      <div style={{ padding: 12 }}>
        <Button block size="large" onClick={onPickOnMap}>
          {t('finder.pickOnMap')}
        </Button>
      </div>
    </section>
  );
}
