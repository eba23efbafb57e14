import { App, Cascader } from 'antd';
import { useEffect, useState } from 'react';
import { describeError } from '../../lib/http';
import { t } from '../../lib/i18n';
import { listRegions, type Region } from './api';

interface RegionOption {
  value: string;
  label: string;
  isLeaf: boolean;
  loading?: boolean;
  children?: RegionOption[];
}

function toOption(region: Region): RegionOption {
  return { value: region.code, label: region.name, isLeaf: !region.has_children };
}

/**
 * GB/T 2260 divisions, one level fetched at a time. Any level may be chosen: a provincial
 * federation sits on a province, a grassroots union on a county or below.
 */
export function RegionCascader({ value, onChange, testId }: {
  value?: string[];
  onChange?: (codes: string[]) => void;
  testId?: string;
}) {
  const { message } = App.useApp();
  const [options, setOptions] = useState<RegionOption[]>([]);

  useEffect(() => {
    listRegions().then(
      (r) => setOptions(r.items.map(toOption)),
      (err: unknown) => message.error(describeError(err)),
    );
  }, [message]);

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
      placeholder={t('orgs.regionPlaceholder')}
    />
  );
}
