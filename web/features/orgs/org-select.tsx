import { Select, Spin } from 'antd';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { describeError } from '../../lib/http';
import { t } from '../../lib/i18n';
import { listOrgs, type OrgListItem } from './api';

export interface OrgOption {
  value: number;
  label: string;
  /** The org as a search found it (absent for an `initialOption`). */
  org?: OrgListItem;
}

const SEARCH_DELAY_MS = 300;

function toOption(org: OrgListItem): OrgOption {
  return { value: org.id, label: org.region_name ? `${org.name}（${org.region_name}）` : org.name, org };
}

/**
 * Picks an org by server search (name, pinyin, initials) within the account's scope. Before
 * anything is typed it offers the top of the scope.
 */
export function OrgSelect({ value, onChange, initialOption, excludeIds = [], accept, activeOnly = false, allowClear, placeholder, testId, style }: {
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
  testId?: string;
  style?: CSSProperties;
}) {
  const [options, setOptions] = useState<OrgOption[]>(initialOption ? [initialOption] : []);
  const [isSearching, setIsSearching] = useState(false);
  const [notFound, setNotFound] = useState<string>(t('common.empty'));
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const requestId = useRef(0);

  function search(q: string) {
    clearTimeout(timer.current);
    const id = ++requestId.current;
    setIsSearching(true);
    timer.current = setTimeout(() => {
      listOrgs({ q: q.trim() || undefined, status: activeOnly ? 'active' : undefined, limit: 20 }).then(
        (page) => {
          if (id !== requestId.current) return;
          setOptions(page.items.filter((o) => !excludeIds.includes(o.id) && (accept?.(o) ?? true)).map(toOption));
          setNotFound(t('common.empty'));
          setIsSearching(false);
        },
        (err: unknown) => {
          if (id !== requestId.current) return;
          setOptions([]);
          setNotFound(describeError(err));
          setIsSearching(false);
        },
      );
    }, q ? SEARCH_DELAY_MS : 0);
  }

  useEffect(() => () => clearTimeout(timer.current), []);

  // Keep the selected value's label even when the latest search did not return it.
  const shown = initialOption && !options.some((o) => o.value === initialOption.value) && value === initialOption.value
    ? [initialOption, ...options]
    : options;

  return (
    <Select<number, OrgOption>
      data-testid={testId}
      value={value ?? undefined}
      onChange={(v, option) => onChange?.(v, Array.isArray(option) ? undefined : option)}
      options={shown}
      showSearch={{ filterOption: false, onSearch: search }}
      onOpenChange={(open) => open && options.length <= 1 && search('')}
      notFoundContent={isSearching ? <Spin size="small" /> : notFound}
      allowClear={allowClear}
      placeholder={placeholder ?? t('orgs.selectPlaceholder')}
      style={{ width: '100%', ...style }}
      popupMatchSelectWidth={false}
    />
  );
}
