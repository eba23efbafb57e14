import { DotLoading, List, Popup } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { describeError } from '../../lib/http';
import { t } from './h5-messages';
import { fetchRegion, listRegions, type RegionListItem } from './h5-api';

interface Level {
  code: string | undefined;
  name: string;
}

/**
 * A GB/T 2260 region chosen one level at a time from a bottom sheet (a phone has no room for a
 * three-column cascader). It opens at `start` (the QR union's region), so most workers tap once.
 */
export function RegionSheet({
  visible,
  start,
  onClose,
  onPick,
}: {
  visible: boolean;
  start: Level[];
  onClose: () => void;
  onPick: (region: { code: string; full_name: string }) => void;
}) {
  const [trail, setTrail] = useState<Level[]>(start);
  const [items, setItems] = useState<RegionListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = trail[trail.length - 1];

  useEffect(() => {
    if (visible) setTrail(start.length > 0 ? start : [{ code: undefined, name: t('join.regionAll') }]);
  }, [visible, start]);

  useEffect(() => {
    if (!visible) return;
    let alive = true;
    setItems(null);
    setError(null);
    listRegions(current?.code)
      .then((page) => alive && setItems(page.items))
      .catch((err: unknown) => alive && setError(describeError(err)));
    return () => {
      alive = false;
    };
  }, [visible, current?.code]);

  const choose = (region: RegionListItem) => {
    if (region.has_children) setTrail([...trail, { code: region.code, name: region.name }]);
    else onPick(region);
  };

  return (
    <Popup visible={visible} onMaskClick={onClose} bodyStyle={{ height: '70vh', overflowY: 'auto' }}>
      <div style={{ padding: '12px 16px', fontWeight: 500, borderBottom: '1px solid #eee' }}>
        {t('join.regionTitle')}
        <div style={{ fontSize: 13, fontWeight: 400, marginTop: 6 }} data-testid="m-region-trail">
          {trail.map((level, i) => (
            <a
              key={level.code ?? 'all'}
              onClick={() => setTrail(trail.slice(0, i + 1))}
              style={{ marginRight: 8, color: i === trail.length - 1 ? '#333' : '#1677ff' }}
            >
              {level.name}
              {i < trail.length - 1 ? ' ›' : ''}
            </a>
          ))}
        </div>
      </div>
      {error ? (
        <div role="alert" style={{ padding: 24, color: '#c41d24' }}>
          {error}
        </div>
      ) : !items ? (
        <div style={{ padding: 24, textAlign: 'center' }}>
          <DotLoading color="primary" />
        </div>
      ) : (
        <List>
          {current?.code && (
            <List.Item
              onClick={() =>
                void fetchRegion(current.code!).then(onPick, (err: unknown) => setError(describeError(err)))
              }
              style={{ color: '#1677ff' }}
              data-testid="m-region-this"
            >
              {t('join.regionThis', { name: current.name })}
            </List.Item>
          )}
          {items.map((region) => (
            <List.Item key={region.code} arrow={region.has_children} onClick={() => choose(region)}>
              {region.name}
            </List.Item>
          ))}
        </List>
      )}
    </Popup>
  );
}
