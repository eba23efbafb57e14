import { NavBar } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';

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
