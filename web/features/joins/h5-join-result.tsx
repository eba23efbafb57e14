import { Button, Result } from 'antd-mobile';
import { Link } from 'react-router-dom';
import { MobilePage } from '../../m/mobile-page';
import { t } from './h5-messages';
import type { JoinStatus } from './h5-api';

/** What the page shows: a join's answer, with the union the page sent it to, or a looked-up status. */
export type JoinOutcome = Pick<JoinStatus, 'application_no' | 'status'> &
  Partial<Pick<JoinStatus, 'org_name' | 'refusal_reason' | 'member_no'>>;

const TITLES = {
  approved: 'join.doneApproved',
  pooled: 'join.donePooled',
  pending: 'join.donePending',
  refused: 'join.doneRefused',
} as const;

/** What a join came to: a member now (card), a member waiting for placement, or waiting for review. */
export function JoinResult({ answer }: { answer: JoinOutcome }) {
  const isMember = answer.status === 'approved' || answer.status === 'pooled';
  return (
    <MobilePage title={t('join.title')}>
      <Result
        status={answer.status === 'refused' ? 'error' : isMember ? 'success' : 'waiting'}
        title={<span data-testid="m-join-result">{t(TITLES[answer.status])}</span>}
        description={
          answer.status === 'pooled'
            ? t('join.pooledHint')
            : answer.status === 'pending'
              ? t('join.pendingHint')
              : answer.refusal_reason
                ? t('join.refusalReason', { reason: answer.refusal_reason })
                : undefined
        }
      />
      <dl style={{ margin: '0 16px', background: '#fff', borderRadius: 8, padding: '8px 16px', fontSize: 15 }}>
        <dt style={{ color: '#999', fontSize: 13 }}>{t('join.applicationNo')}</dt>
        <dd style={{ margin: '2px 0 10px', fontFamily: 'monospace', fontSize: 17 }} data-testid="m-join-application-no">
          {answer.application_no}
        </dd>
        {answer.member_no && (
          <>
            <dt style={{ color: '#999', fontSize: 13 }}>{t('join.memberNo')}</dt>
            <dd style={{ margin: '2px 0 10px', fontFamily: 'monospace', fontSize: 17 }} data-testid="m-join-member-no">
              {answer.member_no}
            </dd>
          </>
        )}
        {answer.org_name && (
          <>
            <dt style={{ color: '#999', fontSize: 13 }}>{t('join.union')}</dt>
            <dd style={{ margin: '2px 0 10px' }}>{answer.org_name}</dd>
          </>
        )}
      </dl>
      <p style={{ margin: 16, fontSize: 13, color: '#666' }}>{t('join.keepNo')}</p>
      <div style={{ display: 'grid', gap: 12, padding: '0 16px 32px' }}>
        {isMember && (
          <Link to="/card">
            <Button block color="primary" size="large">
              {t('join.viewCard')}
            </Button>
          </Link>
        )}
        <Link to="/">
          <Button block size="large">
            {t('join.home')}
          </Button>
        </Link>
      </div>
    </MobilePage>
  );
}
