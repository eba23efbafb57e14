import { PrinterOutlined, RollbackOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import type { ReactNode } from 'react';
import { renderSVG } from 'uqr';

/** 工会红: the union's red. */
export const UNION_RED = '#c8161d';

/**
 * Only the poster is printed: the console around it is hidden, the page is A4 portrait with no
 * margins the browser would add, and the union's red is kept (print-color-adjust).
 */
const PRINT_CSS = `
@media print {
  @page { size: A4 portrait; margin: 0; }
  body * { visibility: hidden !important; }
  .qr-poster, .qr-poster * { visibility: visible !important; }
  .qr-poster { position: fixed; inset: 0; width: 210mm; height: 297mm; margin: 0; box-shadow: none !important;
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .qr-poster-tools { display: none !important; }
}`;

/** A QR code of `url`, `sizeMm` square, crisp at any print resolution. */
export function PosterQr({ url, sizeMm }: { url: string; sizeMm: number }) {
  return (
    <img
      alt={url}
      src={`data:image/svg+xml;utf8,${encodeURIComponent(renderSVG(url, { border: 1 }))}`}
      style={{ width: `${sizeMm}mm`, height: `${sizeMm}mm`, imageRendering: 'pixelated' }}
    />
  );
}

/**
 * A printable A4 poster framed in the union's red, with a print and a back button above it (not
 * printed) and, optionally, a notice between them (not printed either). The console's QR posters
 * (a union's 码上入会, a station's 打卡) are this sheet with their own content.
 */
export function QrPosterSheet({
  url,
  testId,
  printLabel,
  backLabel,
  onBack,
  notice,
  padding = '16mm 14mm',
  children,
}: {
  /** What the QR encodes: kept on the sheet as data-url for tests and support. */
  url: string;
  testId: string;
  printLabel: string;
  backLabel: string;
  onBack: () => void;
  notice?: ReactNode;
  padding?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <style>{PRINT_CSS}</style>
      <Space className="qr-poster-tools" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="poster-print">
          {printLabel}
        </Button>
        <Button icon={<RollbackOutlined />} onClick={onBack}>
          {backLabel}
        </Button>
      </Space>
      {notice && <div className="qr-poster-tools">{notice}</div>}
      <div
        className="qr-poster"
        data-testid={testId}
        data-url={url}
        style={{
          width: '210mm',
          minHeight: '297mm',
          margin: '0 auto',
          background: '#fff',
          boxShadow: '0 2px 12px rgba(0,0,0,0.12)',
          display: 'flex',
          flexDirection: 'column',
          alignItems: 'center',
          textAlign: 'center',
          boxSizing: 'border-box',
          border: `12mm solid ${UNION_RED}`,
          padding,
        }}
      >
        {children}
      </div>
    </div>
  );
}
