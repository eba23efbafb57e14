import { Button, NavBar } from 'antd-mobile';
import { ErrorBlock, SpinLoading } from './light-ui';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { t } from './messages';

/** A secondary page: a NavBar whose back goes home when the page was opened directly (QR, link). */
export function MobilePage({ title, children }: { title: string; children: ReactNode }) {
  const navigate = useNavigate();
  const back = () => {
    // react-router keeps its own index in history.state; 0 means nothing of ours to go back to.
    const index = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (index > 0) navigate(-1);
    else navigate('/', { replace: true });
  };
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <NavBar onBack={back} style={{ background: '#fff', borderBottom: '1px solid #eee' }} data-testid="m-navbar">
        {title}
      </NavBar>
      {children}
    </div>
  );
}

/** A page's content while it loads. */
export function MobileLoading() {
  return (
    <div style={{ padding: 48, display: 'flex', justifyContent: 'center' }}>
      <SpinLoading color="primary" />
    </div>
  );
}

/** A load that failed, with a retry: the error's message as the title, or below `title` when given. */
export function MobileLoadFailed({ error, title, onRetry }: { error: Error; title?: string; onRetry: () => void }) {
  // A record that does not exist (a stale QR code, a mistyped link) will not appear on a retry.
  const isMissing = (error as { code?: string }).code === 'not_found';
  return (
    <ErrorBlock
      status={isMissing ? 'empty' : 'disconnected'}
      title={title ?? error.message}
      description={title ? error.message : ''}
    >
      {!isMissing && (
        <Button color="primary" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </ErrorBlock>
  );
}
