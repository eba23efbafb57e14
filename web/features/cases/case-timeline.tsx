import { Alert, Space, Tag, Timeline, Typography } from 'antd';
import { formatDateTime } from '../../lib/format';
import type { CaseEventView, CaseView } from './api';
import { t } from './messages';

/** A pending request waits on the dispatcher: shown above the buttons that answer it. */
export function PendingRequest({ kase }: { kase: CaseView }) {
  if (!kase.pending_request) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="case-pending"
      title={
        kase.pending_request === 'extension'
          ? t('cases.pendingExtension', { days: kase.pending_days ?? '', reason: kase.pending_reason ?? '' })
          : t('cases.pendingPark', { reason: kase.pending_reason ?? '' })
      }
    />
  );
}

/** An emergency's page of the duty desks: the masked numbers it went to, or that none was set. */
function PageDetails({ details }: { details: CaseEventView['details'] }) {
  const to = Array.isArray(details.to) ? details.to.filter((x): x is string => typeof x === 'string') : [];
  return (
    <div data-testid="case-event-page">
      {to.length ? t('cases.paged', { to: to.join('、') }) : t('cases.pagedNone')}
    </div>
  );
}

/** Every step, oldest first; internal notes and steps the requester never sees are marked 内部. */
export function CaseTimeline({ events }: { events: CaseEventView[] }) {
  return (
    <Timeline
      data-testid="case-timeline"
      items={events.map((e) => ({
        key: e.id,
        color: e.internal ? 'gray' : e.action === 'return' || e.action === 'review_reject' ? 'red' : 'blue',
        content: (
          <div data-testid="case-event">
            <Space wrap size={[8, 0]}>
              <Typography.Text strong>{e.label}</Typography.Text>
              {e.internal && <Tag data-testid="case-event-internal">{t('cases.internal')}</Tag>}
              {e.to_status_label && e.from_status_label !== e.to_status_label && e.to_status_label !== e.label && (
                <Typography.Text type="secondary">
                  {e.from_status_label ? `${e.from_status_label} → ${e.to_status_label}` : e.to_status_label}
                </Typography.Text>
              )}
            </Space>
            <div>
              <Typography.Text type="secondary">
                {[formatDateTime(e.at), e.org_name, e.actor].filter(Boolean).join(' · ')}
              </Typography.Text>
            </div>
            {e.reason && <div style={{ whiteSpace: 'pre-wrap' }}>{e.reason}</div>}
            {e.action === 'page' && <PageDetails details={e.details} />}
          </div>
        ),
      }))}
    />
  );
}
