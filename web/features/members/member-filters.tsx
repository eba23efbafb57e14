import { Select, Space } from 'antd';
import type { ReactNode } from 'react';
import { OCCUPATIONS, type Occupation } from '../../../common/members';
import { OrgSelect, type OrgOption } from '../orgs/org-select';
import { t } from './messages';

/** What the two filters set: a union (with the unions below it) and an occupation. */
export interface OrgOccupationFilter {
  org_id?: number;
  occupation?: Occupation;
}

const OCCUPATION_OPTIONS = Object.entries(OCCUPATIONS).map(([value, label]) => ({ value: value as Occupation, label }));

/**
 * The console's filter bar over people: the union, searched within the viewer's scope (`rootOption`
 * offered first), and the occupation, with the page's own controls before (`leading`) and after
 * (`children`) them, wrapped on a narrow screen. 会员管理 and 入会审核 use it. `onChange` gets the
 * one field that changed (undefined when cleared).
 */
export function MemberFilterBar({
  value,
  onChange,
  rootOption,
  leading,
  children,
  marginBottom = 16,
}: {
  value: OrgOccupationFilter;
  onChange: (change: OrgOccupationFilter) => void;
  rootOption: OrgOption;
  leading?: ReactNode;
  children?: ReactNode;
  marginBottom?: number;
}) {
  return (
    <Space wrap style={{ marginBottom }}>
      {leading}
      <OrgSelect
        value={value.org_id}
        initialOption={rootOption}
        allowClear
        placeholder={t('members.orgFilter')}
        onChange={(org_id) => onChange({ org_id })}
        style={{ width: 260 }}
      />
      <Select<Occupation>
        allowClear
        placeholder={t('members.occupation')}
        value={value.occupation}
        onChange={(occupation) => onChange({ occupation })}
        options={OCCUPATION_OPTIONS}
        style={{ width: 200 }}
      />
      {children}
    </Space>
  );
}
