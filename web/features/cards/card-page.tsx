import { Button } from 'antd-mobile';
import { ErrorBlock, SpinLoading } from '../../m/light-ui';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { renderSVG } from 'uqr';
import { MemberLoginForm } from '../auth/member-login-form';
import { ApiError } from '../../lib/http';
import { MobileLoadFailed, MobileLoading, MobilePage } from '../../m/mobile-page';
import { fetchCardToken, fetchMyCard, type CardToken, type MyCard } from './api';
import { t } from './messages';

/** 工会红: the union's red, as on the paper card. */
const UNION_RED = '#c8161d';

type State =
  | { status: 'loading' }
  | { status: 'signed_out' }
  | { status: 'not_member' }
  | { status: 'error'; error: Error }
  | { status: 'ready'; card: MyCard };

/** 电子会员卡: the signed-in worker's card, with a QR that changes every minute. */
export function CardPage() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const load = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      setState({ status: 'ready', card: await fetchMyCard() });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setState({ status: 'signed_out' });
      else if (error instanceof ApiError && error.status === 404) setState({ status: 'not_member' });
      else setState({ status: 'error', error: error as Error });
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <MobilePage title={t('card.title')}>
      {state.status === 'loading' && <MobileLoading />}
      {state.status === 'signed_out' && <MemberLoginForm onLoggedIn={() => void load()} />}
      {state.status === 'not_member' && (
        <ErrorBlock status="empty" title={t('card.notMember')} description={t('card.notMemberHint')}>
          <Link to="/join" data-testid="card-join">
            <Button color="primary">{t('card.join')}</Button>
          </Link>
        </ErrorBlock>
      )}
      {state.status === 'error' && <MobileLoadFailed error={state.error} onRetry={() => void load()} />}
      {state.status === 'ready' && <MemberCard card={state.card} />}
    </MobilePage>
  );
}

function MemberCard({ card }: { card: MyCard }) {
  return (
    <div style={{ padding: 16 }}>
      <div
        data-testid="member-card"
        style={{
          background: `linear-gradient(135deg, ${UNION_RED} 0%, #a50f15 100%)`,
          color: '#fff',
          borderRadius: 12,
          padding: '16px 18px',
          boxShadow: '0 4px 12px rgba(168, 15, 21, 0.3)',
        }}
      >
        <div style={{ fontSize: 13, opacity: 0.9, letterSpacing: 2 }}>{t('card.memberCard')}</div>
        <div style={{ fontSize: 24, fontWeight: 600, margin: '10px 0 2px' }} data-testid="card-name">
          {card.name}
        </div>
        <div style={{ fontSize: 15 }} data-testid="card-org">
          {card.org_name}
        </div>
        {card.status === 'transferring' && (
          <div style={{ fontSize: 12, marginTop: 4, opacity: 0.9 }}>{t('card.transferring')}</div>
        )}
        <div style={{ display: 'flex', gap: 24, marginTop: 14, fontSize: 12 }}>
          <div>
            <div style={{ opacity: 0.8 }}>{t('card.memberNo')}</div>
            <div style={{ fontSize: 16, fontFamily: 'monospace', letterSpacing: 1 }} data-testid="card-member-no">
              {card.member_no}
            </div>
          </div>
          <div>
            <div style={{ opacity: 0.8 }}>{t('card.joinedOn')}</div>
            <div style={{ fontSize: 16 }}>{card.joined_on}</div>
          </div>
        </div>
        <div style={{ fontSize: 12, marginTop: 8, opacity: 0.8 }}>
          {t('card.idMasked')} {card.id_masked}
        </div>
      </div>
      <RotatingQr />
    </div>
  );
}

/** The QR: a new payload when the current one is replaced, with the seconds left shown. */
function RotatingQr() {
  const [token, setToken] = useState<CardToken | null>(null);
  const [failed, setFailed] = useState(false);
  const [now, setNow] = useState(Date.now());

  const refresh = useCallback(async () => {
    try {
      setToken(await fetchCardToken());
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, []);
  useEffect(() => {
    void refresh();
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, [refresh]);

  const expiresAt = token ? Date.parse(token.expires_at) : 0;
  // The phone's clock may differ from the server's: never count down more than a minute.
  const secondsLeft = token ? Math.min(60, Math.max(0, Math.ceil((expiresAt - now) / 1000))) : 0;
  useEffect(() => {
    if (token && secondsLeft === 0) void refresh();
  }, [token, secondsLeft, refresh]);

  const svg = token ? renderSVG(token.payload, { border: 2 }) : null;
  return (
    <div
      style={{ background: '#fff', borderRadius: 12, marginTop: 16, padding: 16, textAlign: 'center' }}
      data-testid="card-qr"
      data-payload={token?.payload ?? ''}
    >
      {svg ? (
        <img
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
          alt={t('card.title')}
          style={{ width: 220, height: 220, display: 'block', margin: '0 auto' }}
        />
      ) : failed ? (
        <ErrorBlock status="disconnected" title={t('card.qrFailed')} description="">
          <Button size="small" onClick={() => void refresh()}>
            {t('common.retry')}
          </Button>
        </ErrorBlock>
      ) : (
        <div style={{ height: 220, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          <SpinLoading color="primary" />
        </div>
      )}
      {token && (
        <div style={{ color: UNION_RED, fontSize: 14, marginTop: 8 }} data-testid="card-countdown">
          {t('card.refreshIn', { s: secondsLeft })}
        </div>
      )}
      <div style={{ color: '#999', fontSize: 12, marginTop: 4 }}>{t('card.qrHint')}</div>
    </div>
  );
}
