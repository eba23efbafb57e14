import { CameraOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Input, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { CardResult } from '../../../common/api/cards';
import { ErrorAlert } from '../../components/error-alert';
import { formatDateTime } from '../../lib/format';
import { ApiError } from '../../lib/http';
import { canReadQr, useQrCamera } from '../../lib/qr-camera';
import { verifyCard, type CardVerification } from './api';
import { t } from './messages';

const LOOKS: Record<CardResult, { color: string; background: string; label: string; hint?: string }> = {
  valid: { color: '#237804', background: '#f6ffed', label: t('verify.valid') },
  expired: { color: '#d46b08', background: '#fff7e6', label: t('verify.expired'), hint: t('verify.expiredHint') },
  revoked: { color: '#cf1322', background: '#fff1f0', label: t('verify.revoked') },
  invalid: { color: '#595959', background: '#f5f5f5', label: t('verify.invalid'), hint: t('verify.invalidHint') },
};

/** 会员卡核验: a handheld scanner types the payload and Enter; the answer is big enough to read at arm's length. */
export function CardVerifyPage() {
  const [payload, setPayload] = useState('');
  const [answer, setAnswer] = useState<CardVerification | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [scanning, setScanning] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const check = async (value: string) => {
    const scanned = value.trim();
    if (!scanned || busy) return;
    setBusy(true);
    setError(null);
    try {
      setAnswer(await verifyCard(scanned));
      // Ready for the next member in the queue: the scanner types into an empty, focused box.
      setPayload('');
    } catch (err) {
      setAnswer(null);
      setError(err instanceof ApiError ? err : new ApiError('network', String(err), undefined, 0));
    } finally {
      setBusy(false);
      input.current?.focus();
    }
  };

  return (
    <Card title={t('verify.title')} style={{ maxWidth: 720 }}>
      <Typography.Paragraph type="secondary">{t('verify.intro')}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          ref={(el) => {
            (input as { current: HTMLInputElement | null }).current = el?.input ?? null;
          }}
          size="large"
          autoFocus
          allowClear
          maxLength={200 /* CARD_PAYLOAD_MAX in common/api/cards.ts */}
          placeholder={t('verify.placeholder')}
          value={payload}
          onChange={(e) => setPayload(e.target.value)}
          onPressEnter={() => void check(payload)}
          data-testid="verify-input"
        />
        <Button
          size="large"
          type="primary"
          loading={busy}
          onClick={() => void check(payload)}
          data-testid="verify-submit"
        >
          {t('verify.submit')}
        </Button>
      </Space.Compact>
      {canReadQr && (
        <CameraScan
          active={scanning}
          onToggle={() => setScanning((s) => !s)}
          onRead={(value) => {
            setScanning(false);
            void check(value);
          }}
        />
      )}
      <ErrorAlert error={error} />
      {answer && <VerificationResult answer={answer} />}
    </Card>
  );
}

function VerificationResult({ answer }: { answer: CardVerification }) {
  const look = LOOKS[answer.result];
  return (
    <div
      role="status"
      data-testid="verify-result"
      data-result={answer.result}
      style={{
        marginTop: 20,
        padding: 20,
        borderRadius: 8,
        border: `2px solid ${look.color}`,
        background: look.background,
      }}
    >
      <div style={{ fontSize: 32, fontWeight: 600, color: look.color }}>{look.label}</div>
      {look.hint && <div style={{ color: look.color, marginTop: 4 }}>{look.hint}</div>}
      {answer.org_name && (
        <Descriptions column={1} size="middle" style={{ marginTop: 12 }}>
          <Descriptions.Item label={t('verify.org')}>{answer.org_name}</Descriptions.Item>
          <Descriptions.Item label={t('verify.name')}>{answer.name_masked}</Descriptions.Item>
          <Descriptions.Item label={t('verify.memberNo')}>{answer.member_no}</Descriptions.Item>
        </Descriptions>
      )}
      <div style={{ color: '#8c8c8c', marginTop: 8 }}>
        {t('verify.checkedAt')} {formatDateTime(answer.checked_at)}
      </div>
    </div>
  );
}

/** The camera, read a few times a second until a QR is found. */
function CameraScan(props: { active: boolean; onToggle: () => void; onRead: (value: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  useQrCamera(props.active, video, props.onRead, () => setFailed(true));
  return (
    <div style={{ marginTop: 12 }}>
      <Button icon={<CameraOutlined />} onClick={props.onToggle} data-testid="verify-camera">
        {props.active ? t('verify.cameraStop') : t('verify.camera')}
      </Button>
      {failed && <Alert type="warning" showIcon message={t('verify.cameraFailed')} style={{ marginTop: 8 }} />}
      {props.active && (
        <video ref={video} muted playsInline style={{ display: 'block', width: 320, marginTop: 8, borderRadius: 8 }} />
      )}
    </div>
  );
}
