import { List, Steps, Tag } from 'antd-mobile';
import { RATING_LABELS } from '../../../common/cases';
import { formatDate, formatDateTime } from '../../lib/format';
import type { PublicCaseView } from './h5-api';
import { t } from './h5-messages';

const CATEGORY_COLORS: Record<PublicCaseView['category'], string> = {
  new: 'primary',
  dispatched: 'primary',
  in_progress: 'warning',
  waiting: 'default',
  resolved: 'success',
  closed: 'success',
};

/** A case's facts as the requester sees them: number, status, what it is about, who handles it, by when. */
export function CaseSummary({ view }: { view: PublicCaseView }) {
  return (
    <List data-testid="m-case-summary">
      <List.Item extra={<strong data-testid="m-case-tracking-no">{view.tracking_no}</strong>}>
        {t('caseH5.trackingNo')}
      </List.Item>
      <List.Item
        extra={
          <Tag color={CATEGORY_COLORS[view.category]} style={{ fontSize: 14 }} data-testid="m-case-status">
            {view.status_label}
          </Tag>
        }
      >
        {t('caseH5.status')}
      </List.Item>
      <List.Item extra={view.subject_label}>{t('caseH5.subjectLabel')}</List.Item>
      <List.Item extra={view.org_name}>{t('caseH5.org')}</List.Item>
      <List.Item extra={formatDateTime(view.received_at)}>{t('caseH5.received')}</List.Item>
      <List.Item extra={t('caseH5.dueValue', { date: formatDate(view.due_date) })}>{t('caseH5.due')}</List.Item>
      {view.rating && <List.Item extra={RATING_LABELS[view.rating]}>{t('caseH5.yourRating')}</List.Item>}
    </List>
  );
}

/** The requester-safe timeline, newest first. */
export function CaseTimeline({ view }: { view: PublicCaseView }) {
  const events = [...view.timeline].reverse();
  return (
    <div style={{ background: '#fff', marginTop: 12, padding: '12px 16px 4px' }} data-testid="m-case-timeline">
      <div style={{ fontSize: 15, fontWeight: 600, marginBottom: 4 }}>{t('caseH5.timeline')}</div>
      <Steps direction="vertical" current={0}>
        {events.map((e, i) => (
          <Steps.Step
            key={`${e.at}-${i}`}
            status={i === 0 ? 'process' : 'finish'}
            title={
              <span>
                {e.label}
                {e.status_label && e.status_label !== e.label && (
                  <span style={{ color: '#999', fontWeight: 400 }}>（{e.status_label}）</span>
                )}
              </span>
            }
            description={
              <div style={{ fontSize: 13, color: '#666' }}>
                <div>
                  {formatDateTime(e.at)}
                  {e.org_name ? ` · ${e.org_name}` : ''}
                  {e.actor_name ? ` · ${e.actor_name}` : ''}
                </div>
                {e.text && <div style={{ color: '#333', marginTop: 2, whiteSpace: 'pre-wrap' }}>{e.text}</div>}
              </div>
            }
          />
        ))}
      </Steps>
    </div>
  );
}
