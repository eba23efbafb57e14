import { Badge } from 'antd';
import { useEffect, useState } from 'react';
import type { AccountMe } from '../auth/api';
import { CASES_CHANGED, fetchCaseCounts, type CaseCounts } from './api';
import { t } from './messages';

/** What waits on this account: to dispatch, sign or handle, review, and requests to answer. */
const waiting = (c: CaseCounts) => c.dispatch + c.handle + c.review + c.requests;

/** The menu's count beside 工单办理, red while any case in the queues is overdue. */
export function CasesMenuBadge(_props: { me: AccountMe }) {
  const [counts, setCounts] = useState<CaseCounts | null>(null);
  useEffect(() => {
    let live = true;
    const check = () =>
      fetchCaseCounts().then(
        (c) => live && setCounts(c),
        () => undefined,
      );
    void check();
    window.addEventListener(CASES_CHANGED, check);
    return () => {
      live = false;
      window.removeEventListener(CASES_CHANGED, check);
    };
  }, []);
  if (!counts || waiting(counts) === 0) return null;
  return (
    <Badge
      count={waiting(counts)}
      overflowCount={counts.cap}
      size="small"
      color={counts.overdue > 0 ? 'red' : 'blue'}
      title={[
        `${t('cases.tab.dispatch')} ${counts.dispatch}`,
        `${t('cases.tab.handle')} ${counts.handle}`,
        `${t('cases.tab.review')} ${counts.review}`,
        `${t('cases.tab.requests')} ${counts.requests}`,
        `${t('cases.tab.overdue')} ${counts.overdue}`,
      ].join('，')}
      style={{ marginInlineStart: 6 }}
      data-testid="cases-menu-badge"
    />
  );
}
