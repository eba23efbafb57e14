import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { listSeenStations, type SeenStation } from './api';
import { t } from './messages';

/** Picks one of the stations the account keeps or manages, by name (kept ones first); empty: all of them. */
export function StationPicker({ value, onChange }: { value?: number; onChange: (id?: number) => void }) {
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<SeenStation[]>([]);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      listSeenStations(q || undefined).then(
        (r) => live && setOptions(r.items),
        () => live && setOptions([]),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      placeholder={t('visits.allStations')}
      onChange={(id) => onChange(id ?? undefined)}
      options={options.map((s) => ({ value: s.id, label: `${s.name}（${s.org_name}）` }))}
      style={{ width: 320 }}
      data-testid="visits-station"
    />
  );
}
