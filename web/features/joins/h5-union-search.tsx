import { List, SearchBar } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import { describeError } from '../../lib/http';
import { searchJoinOrgs, type JoinOrg } from './h5-api';
import { t } from './h5-messages';

const SEARCH_DELAY_MS = 400;

/**
 * Without a QR code: the worker types part of their employer's union's name (or its pinyin) and
 * picks it; with no union at the employer they simply go on with the form (the holding pool).
 */
export function UnionSearch({ onPick }: { onPick: (org: JoinOrg) => void }) {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<JoinOrg[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const requestId = useRef(0);

  useEffect(() => {
    clearTimeout(timer.current);
    const text = q.trim();
    if ([...text].length < 2) {
      setItems(null);
      return;
    }
    const id = ++requestId.current;
    timer.current = setTimeout(() => {
      searchJoinOrgs(text).then(
        (page) => id === requestId.current && (setItems(page.items), setError(null)),
        (err: unknown) => id === requestId.current && (setItems(null), setError(describeError(err))),
      );
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer.current);
  }, [q]);

  return (
    <div style={{ marginTop: 8 }} data-testid="m-join-union-search">
      <SearchBar placeholder={t('join.searchPlaceholder')} value={q} onChange={setQ} clearable />
      {error && <p style={{ color: '#c41d24', fontSize: 13 }}>{error}</p>}
      {items && items.length === 0 && <p style={{ fontSize: 13, color: '#999' }}>{t('join.searchNone')}</p>}
      {items && items.length > 0 && (
        <List style={{ marginTop: 6, '--font-size': '15px' }}>
          {items.map((org) => (
            <List.Item
              key={org.code}
              description={org.region_name}
              onClick={() => onPick(org)}
              clickable
              data-testid="m-join-union-hit"
            >
              {org.name}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
