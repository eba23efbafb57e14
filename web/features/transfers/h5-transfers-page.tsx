import { Button, Dialog, Form, Input, List, SearchBar, Tag, TextArea, Toast } from 'antd-mobile';
import { ErrorBlock } from '../../m/light-ui';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { TRANSFER_STATES } from '../../../common/members';
import { ApiError, asApiError, describeError } from '../../lib/http';
import { canReadQr, useQrCamera } from '../../lib/qr-camera';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';
import { MobileLoadFailed, MobileLoading, MobilePage } from '../../m/mobile-page';
import { MemberLoginForm } from '../auth/member-login-form';
import {
  cancelTransfer,
  listMyTransfers,
  requestMyTransfer,
  searchTargets,
  type Transfer,
  type TransferTarget,
} from './api';
import { t } from './messages';

type State =
  | { status: 'loading' }
  | { status: 'signed_out' }
  | { status: 'error'; error: Error }
  | { status: 'ready'; items: Transfer[] };

/** 会籍转移 (我的): a member asks to move to another union by its code (QR or typed) or by name, follows it, withdraws it. */
export function TransfersH5Page() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [notMember, setNotMember] = useState(false);
  const load = useCallback(async () => {
    try {
      setState({ status: 'ready', items: (await listMyTransfers()).items });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setState({ status: 'signed_out' });
      else setState({ status: 'error', error: error as Error });
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const open = state.status === 'ready' ? state.items.find((x) => x.state === 'pending') : undefined;
  return (
    <MobilePage title={t('transfers.h5Title')}>
      {state.status === 'loading' && <MobileLoading />}
      {state.status === 'signed_out' && <MemberLoginForm onLoggedIn={() => void load()} />}
      {state.status === 'error' && <MobileLoadFailed error={state.error} onRetry={() => void load()} />}
      {notMember && (
        <ErrorBlock status="empty" title={t('transfers.h5NotMember')} description={t('transfers.h5NotMemberHint')}>
          <Link to="/join">
            <Button color="primary">{t('transfers.h5Join')}</Button>
          </Link>
        </ErrorBlock>
      )}
      {state.status === 'ready' && !notMember && (
        <>
          <p style={{ margin: 0, padding: '12px 16px', color: '#666', fontSize: 14, lineHeight: 1.6 }}>
            {t('transfers.h5Intro')}
          </p>
          {open ? (
            <OpenTransfer transfer={open} onChanged={() => void load()} />
          ) : (
            <RequestForm onSent={() => void load()} onNotMember={() => setNotMember(true)} />
          )}
          {state.items.length > 0 && (
            <List header={t('transfers.h5Mine')} data-testid="m-transfers">
              {state.items.map((x) => (
                <List.Item
                  key={x.id}
                  description={`${x.from_org.name} → ${x.to_org.name}${x.refusal_reason ? ` · ${t('transfers.refusedBecause')}${x.refusal_reason}` : ''}`}
                  extra={<StateTag transfer={x} />}
                >
                  {x.created_at.slice(0, 10)}
                </List.Item>
              ))}
            </List>
          )}
        </>
      )}
    </MobilePage>
  );
}

function StateTag({ transfer }: { transfer: Transfer }) {
  const color = { pending: 'primary', accepted: 'success', refused: 'danger', cancelled: 'default' }[transfer.state];
  return (
    <Tag color={color} fill="outline">
      {transfer.auto_accepted ? t('transfers.autoAccepted') : TRANSFER_STATES[transfer.state]}
    </Tag>
  );
}

/** The transfer in progress: where to, the answer's due date, and a way to withdraw it. */
function OpenTransfer({ transfer, onChanged }: { transfer: Transfer; onChanged: () => void }) {
  const withdraw = async () => {
    const confirmed = await Dialog.confirm({
      content: t('transfers.cancelConfirm'),
      confirmText: t('transfers.cancel'),
      cancelText: t('common.cancel'),
    });
    if (!confirmed) return;
    try {
      await cancelTransfer(transfer.id, transfer.version);
    } catch (err) {
      Toast.show({ icon: 'fail', content: describeError(err) });
    }
    onChanged();
  };
  return (
    <List header={t('transfers.h5Submitted')} data-testid="m-transfer-open">
      <List.Item extra={transfer.to_org.name}>{t('transfers.to')}</List.Item>
      <List.Item extra={transfer.from_org.name}>{t('transfers.from')}</List.Item>
      <List.Item
        extra={
          <span data-testid="m-transfer-due">
            {transfer.due_date}
            {transfer.days_left ? `（${t('transfers.h5DaysLeft', { n: transfer.days_left })}）` : ''}
          </span>
        }
      >
        {t('transfers.h5DueOn')}
      </List.Item>
      <List.Item extra={<StateTag transfer={transfer} />}>{t('transfers.state')}</List.Item>
      <div style={{ padding: 12 }}>
        <Button block color="danger" fill="outline" onClick={() => void withdraw()} data-testid="m-transfer-cancel">
          {t('transfers.cancel')}
        </Button>
      </div>
    </List>
  );
}

/** The request: the receiving union's code (typed, scanned, or picked by name) and an optional reason. */
function RequestForm({ onSent, onNotMember }: { onSent: () => void; onNotMember: () => void }) {
  const [form] = Form.useForm<{ to_org_code: string; reason?: string }>();
  const [results, setResults] = useState<TransferTarget[] | null>(null);
  const [picked, setPicked] = useState<TransferTarget | null>(null);
  const [isScanning, setIsScanning] = useState(false);
  const [isSending, setIsSending] = useState(false);
  const keyFor = useIdempotencyKey();

  const search = async (text: string) => {
    if (!text.trim()) return;
    try {
      setResults((await searchTargets(text.trim())).items);
    } catch (err) {
      Toast.show({ icon: 'fail', content: describeError(err) });
    }
  };
  const submit = async (values: { to_org_code: string; reason?: string }) => {
    setIsSending(true);
    try {
      const body = { to_org_code: values.to_org_code.trim(), reason: values.reason?.trim() || undefined };
      await requestMyTransfer(body, keyFor(body));
      Toast.show({ icon: 'success', content: t('transfers.h5Submitted') });
      onSent();
    } catch (err) {
      const error = asApiError(err);
      if (error.status === 404) onNotMember();
      else if (error.fields?.to_org_code) form.setFields([{ name: 'to_org_code', errors: [error.fields.to_org_code] }]);
      else Toast.show({ icon: 'fail', content: describeError(err) });
    } finally {
      setIsSending(false);
    }
  };

  return (
    <>
      <List header={t('transfers.h5Search')}>
        <div style={{ padding: '8px 12px' }}>
          <SearchBar
            placeholder={t('transfers.h5SearchPlaceholder')}
            onSearch={(text) => void search(text)}
            data-testid="m-transfer-search"
          />
        </div>
        {results?.length === 0 && <List.Item>{t('transfers.h5NoResults')}</List.Item>}
        {results?.map((r) => (
          <List.Item
            key={r.code}
            description={r.region_name}
            onClick={() => {
              setPicked(r);
              setResults(null);
              form.setFieldsValue({ to_org_code: r.code });
            }}
          >
            {r.name}
          </List.Item>
        ))}
      </List>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        footer={
          <Button block type="submit" color="primary" size="large" loading={isSending} data-testid="m-transfer-submit">
            {t('transfers.h5Submit')}
          </Button>
        }
      >
        <Form.Item
          name="to_org_code"
          label={t('transfers.h5Code')}
          description={picked ? picked.name : t('transfers.h5CodeHint')}
          rules={[{ required: true, message: t('transfers.h5CodeHint') }]}
          extra={
            canReadQr && (
              <Button size="small" onClick={() => setIsScanning((s) => !s)} data-testid="m-transfer-scan">
                {t('transfers.h5Scan')}
              </Button>
            )
          }
        >
          <Input clearable autoComplete="off" onChange={() => setPicked(null)} data-testid="m-transfer-code" />
        </Form.Item>
        {isScanning && (
          <QrReader
            onRead={(value) => {
              setIsScanning(false);
              form.setFieldsValue({ to_org_code: value });
            }}
            onFail={() => setIsScanning(false)}
          />
        )}
        <Form.Item name="reason" label={t('transfers.h5Reason')}>
          <TextArea maxLength={200} rows={2} showCount data-testid="m-transfer-reason" />
        </Form.Item>
      </Form>
    </>
  );
}

/** The camera, read a few times a second until a union's QR is found (its link carries the code). */
function QrReader({ onRead, onFail }: { onRead: (value: string) => void; onFail: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  useQrCamera(true, video, onRead, onFail);
  return <video ref={video} muted playsInline style={{ display: 'block', width: '100%', padding: '0 12px' }} />;
}
