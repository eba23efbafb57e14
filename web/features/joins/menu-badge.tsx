import { Badge } from 'antd';
import { useEffect, useState } from 'react';
import type { AccountMe } from '../auth/api';
import { hasPermission } from '../auth/permissions';
import { fetchJoinCounts } from './review-api';
import { JOINS_CHANGED, waitedFor } from './review-model';
import { t } from './review-messages';

/** The menu's count beside 入会审核: applications to review plus pooled members to place, and the oldest wait. */
export function JoinsMenuBadge({ me }: { me: AccountMe }) {
  const [waiting, setWaiting] = useState<{ n: number; hours: number | null }>({ n: 0, hours: null });
  const mayReview = hasPermission(me, 'joins.review');
  useEffect(() => {
    if (!mayReview) return;
    let live = true;
    const check = () =>
      fetchJoinCounts().then(
        (c) => {
          const hours = [c.pending.oldest_age_hours, c.pooled.oldest_age_hours].filter((h): h is number => h !== null);
          if (live)
            setWaiting({ n: c.pending.count + c.pooled.count, hours: hours.length ? Math.max(...hours) : null });
        },
        () => undefined,
      );
    void check();
    window.addEventListener(JOINS_CHANGED, check);
    return () => {
      live = false;
      window.removeEventListener(JOINS_CHANGED, check);
    };
  }, [mayReview]);
  if (waiting.n === 0) return null;
  return (
    <Badge
      count={waiting.n}
      overflowCount={999}
      size="small"
      title={waiting.hours !== null ? t('review.oldest', { age: waitedFor(waiting.hours) }) : undefined}
      style={{ marginInlineStart: 6 }}
      data-testid="joins-menu-badge"
    />
  );
}
