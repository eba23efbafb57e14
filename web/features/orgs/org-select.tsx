import { Select, Spin } from 'antd';
import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { describeError } from '../../lib/http';
import type { AccountMe } from '../auth/api';
import { t } from './messages';
import { listOrgs, type OrgListItem } from './api';

export interface OrgOption {
  value: number;
  label: string;
  /** The org as a search found it (absent for an `initialOption`). */
  org?: OrgListItem;
}

const SEARCH_DELAY_MS = 300;

/** The org the console works under (its org switcher's choice) as an option, named from the account's grants. */
export function rootOptionOf(me: AccountMe, rootId: number): OrgOption {
  return { value: rootId, label: me.grants.find((g) => g.org_id === rootId)?.org_name ?? String(rootId) };
}

function toOption(org: OrgListItem): OrgOption {
  return { value: org.id, label: org.region_name ? `${org.name}（${org.region_name}）` : org.name, org };
}

/**
 * Picks an org by server search (name, pinyin, initials) within the account's scope. Before
 * anything is typed it offers the top of the scope. While a search is typed the options are its
 * results alone (none until they arrive), so Enter picks the first real hit, never the current
 * value kept on top.
 */
export function OrgSelect({
  value,
  onChange,
  initialOption,
  excludeIds = [],
  accept,
  activeOnly = false,
  allowClear,
  placeholder,
  emptyText,
  testId,
  style,
}: {
  value?: number | null;
  onChange?: (orgId: number | undefined, option?: OrgOption) => void;
  /** The label of the preselected value, which no search has fetched yet. */
  initialOption?: OrgOption;
  excludeIds?: number[];
  /** Offers only the orgs this accepts (applied to each page of search results). */
  accept?: (org: OrgListItem) => boolean;
  activeOnly?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  /** Shown when there is nothing to offer (instead of 暂无数据); a failed search shows its error. */
  emptyText?: ReactNode;
  testId?: string;
  style?: CSSProperties;
}) {
  const [options, setOptions] = useState<OrgOption[]>(initialOption ? [initialOption] : []);
  const [isSearching, setIsSearching] = useState(false);
  /** What is typed in the search box; empty when nothing is (then the current value is kept on top). */
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | undefined>();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const requestId = useRef(0);

  function search(q: string) {
    clearTimeout(timer.current);
    const id = ++requestId.current;
    setQuery(q.trim());
    // The previous results do not answer a new query: Enter must not pick one of them meanwhile.
    if (q.trim()) setOptions([]);
    setIsSearching(true);
    timer.current = setTimeout(
      () => {
        listOrgs({ q: q.trim() || undefined, status: activeOnly ? 'active' : undefined, limit: 20 }).then(
          (page) => {
            if (id !== requestId.current) return;
            setOptions(page.items.filter((o) => !excludeIds.includes(o.id) && (accept?.(o) ?? true)).map(toOption));
            setError(undefined);
            setIsSearching(false);
          },
          (err: unknown) => {
            if (id !== requestId.current) return;
            setOptions([]);
            setError(describeError(err));
            setIsSearching(false);
          },
        );
      },
      q ? SEARCH_DELAY_MS : 0,
    );
  }

  useEffect(() => () => clearTimeout(timer.current), []);

  // Keep the selected value's label even when the latest search did not return it, but not
  // while a search is typed: then it would sit on top of the hits and Enter would pick it.
  const shown =
    !query && initialOption && !options.some((o) => o.value === initialOption.value) && value === initialOption.value
      ? [initialOption, ...options]
      : options;

  return (
    <Select<number, OrgOption>
      data-testid={testId}
      value={value ?? undefined}
      onChange={(v, option) => {
        // Choosing clears the search box without an onSearch call.
        setQuery('');
        onChange?.(v, Array.isArray(option) ? undefined : option);
      }}
      options={shown}
      showSearch={{ filterOption: false, onSearch: search }}
      onOpenChange={(open) => {
        if (!open) setQuery('');
        else if (options.length <= 1) search('');
      }}
      notFoundContent={isSearching ? <Spin size="small" /> : (error ?? emptyText ?? t('common.empty'))}
      allowClear={allowClear}
      placeholder={placeholder ?? t('orgs.selectPlaceholder')}
      style={{ width: '100%', ...style }}
      popupMatchSelectWidth={false}
    />
  );
}
