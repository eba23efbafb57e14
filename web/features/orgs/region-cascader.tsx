import { App, Cascader } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { describeError } from '../../lib/http';
import { t } from './messages';
import { fetchRegion, listRegions, type RegionListItem } from './api';

interface RegionOption {
  value: string;
  label: string;
  /** Names from the province down, shown once chosen: "江苏省宿迁市宿城区". */
  fullName: string;
  isLeaf: boolean;
  loading?: boolean;
  children?: RegionOption[];
}

function toOption(region: RegionListItem): RegionOption {
  return { value: region.code, label: region.name, fullName: region.full_name, isLeaf: !region.has_children };
}

/** The first column: every province, or one region (itself, 本级) and its divisions. */
async function loadTop(within: string | undefined): Promise<{ options: RegionOption[]; only: string | null }> {
  if (!within) return { options: (await listRegions()).items.map(toOption), only: null };
  const [region, children] = await Promise.all([fetchRegion(within), listRegions(within)]);
  const hasChildren = children.items.length > 0;
  const itself: RegionOption = {
    value: region.code,
    label: hasChildren ? t('orgs.regionItself', { name: region.name }) : region.name,
    fullName: region.full_name,
    isLeaf: true,
  };
  return { options: [itself, ...children.items.map(toOption)], only: hasChildren ? null : region.code };
}

/**
 * GB/T 2260 divisions, one level fetched at a time. Any level may be chosen: a provincial
 * federation sits on a province, a grassroots union on a county or below.
 *
 * `within` limits the choice to that region and what lies in it (an org lies within its parent's
 * region; the server refuses anything else): the picker opens at it, offering the region itself
 * and its divisions, and a region without divisions (a county's) is chosen at once.
 */
export function RegionCascader({
  value,
  onChange,
  within,
  testId,
}: {
  value?: string[];
  onChange?: (codes: string[]) => void;
  /** A region code to stay within; none for the whole country. */
  within?: string;
  testId?: string;
}) {
  const { message } = App.useApp();
  const [options, setOptions] = useState<RegionOption[]>([]);
  const latest = useRef({ value, onChange });
  latest.current = { value, onChange };

  useEffect(() => {
    let isCurrent = true;
    loadTop(within).then(
      ({ options: top, only }) => {
        if (!isCurrent) return;
        setOptions(top);
        if (only && !latest.current.value?.length) latest.current.onChange?.([only]);
      },
      (err: unknown) => {
        if (isCurrent) message.error(describeError(err));
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [message, within]);

  async function loadData(path: RegionOption[]) {
    const target = path[path.length - 1];
    if (!target) return;
    target.loading = true;
    setOptions((prev) => [...prev]);
    try {
      const r = await listRegions(target.value);
      target.children = r.items.map(toOption);
      if (target.children.length === 0) target.isLeaf = true;
    } catch (err) {
      message.error(describeError(err));
    } finally {
      target.loading = false;
      setOptions((prev) => [...prev]);
    }
  }

  return (
    <Cascader<RegionOption>
      data-testid={testId}
      options={options}
      loadData={(path) => void loadData(path)}
      changeOnSelect
      value={value}
      onChange={(codes) => onChange?.((codes ?? []).map(String))}
      displayRender={(labels, selected) => selected?.at(-1)?.fullName ?? labels.join(' / ')}
      placeholder={t('orgs.regionPlaceholder')}
    />
  );
}
