import { Select } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { getLang, pickLabel } from '../lib/i18n';
import { t } from './messages';
import { useCurrentRoot } from './current-root';

/** Lists the account's grant roots (DESIGN §4.6); the choice roots the org tree and default filters. */
export function OrgSwitcher() {
  const { root, roots, setRoot } = useCurrentRoot();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  if (!root) return null;

  function choose(orgId: number) {
    setRoot(orgId);
    // An org opened under the old root may lie outside the new one; start from the new root.
    if (pathname.startsWith('/orgs/')) navigate('/orgs');
  }

  return (
    <Select
      data-testid="org-switcher"
      aria-label={t('admin.orgSwitcher')}
      value={root.org_id}
      onChange={choose}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      showSearch={{ optionFilterProp: 'label' }}
      options={roots.map((r) => {
        const roles = r.roles.map(pickLabel);
        return {
          value: r.org_id,
          label: getLang() === 'en' ? `${r.org_name} (${roles.join(', ')})` : `${r.org_name}（${roles.join('、')}）`,
        };
      })}
    />
  );
}
