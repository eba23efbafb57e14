import { t } from './review-messages';

/** Sent on window when a decision changed the queues (the menu badge counts again). */
export const JOINS_CHANGED = 'gonghui:joins-changed';

/** How long an application has waited, in words a cadre reads at a glance. */
export function waitedFor(hours: number): string {
  return hours < 1
    ? t('review.lessThanHour')
    : hours < 48
      ? t('review.hours', { n: hours })
      : t('review.days', { n: Math.floor(hours / 24) });
}
