import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useRef, useState } from 'react';
import { asApiError, describeError } from '../../lib/http';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';
import { searchTargets, startTransfer, type TransferTarget } from './api';
import { t } from './messages';

interface Values {
  to_org_code: string;
  reason?: string;
}

/** The receiving union, found by name among the unions that take members (anywhere, not only in scope). */
export function TargetSelect(props: { value?: string; onChange?: (code: string) => void }) {
  const [options, setOptions] = useState<TransferTarget[]>([]);
  const [isSearching, setIsSearching] = useState(false);
  const latest = useRef(0);
  const search = (text: string) => {
    const q = text.trim();
    if (!q) return;
    const id = ++latest.current;
    setIsSearching(true);
    searchTargets(q).then(
      (r) => id === latest.current && (setOptions(r.items), setIsSearching(false)),
      () => id === latest.current && setIsSearching(false),
    );
  };
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: search }}
      value={props.value}
      onChange={props.onChange}
      loading={isSearching}
      placeholder={t('transfers.h5SearchPlaceholder')}
      notFoundContent={t('transfers.h5NoResults')}
      options={options.map((o) => ({ value: o.code, label: `${o.name}（${o.region_name}）` }))}
      data-testid="transfer-target"
    />
  );
}

/** The sending union starts a transfer for a member of theirs (from the member profile). */
export function StartTransferModal(props: { memberId: number; onClose: () => void; onStarted: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const keyFor = useIdempotencyKey();
  const submit = async (values: Values) => {
    setIsSaving(true);
    setError(null);
    try {
      const body = { member_id: props.memberId, to_org_code: values.to_org_code, reason: values.reason?.trim() };
      await startTransfer(body, keyFor(body));
      void message.success(t('transfers.h5Submitted'));
      props.onStarted();
    } catch (err) {
      const apiError = asApiError(err);
      if (apiError.fields?.to_org_code)
        form.setFields([{ name: 'to_org_code', errors: [apiError.fields.to_org_code] }]);
      else setError(describeError(apiError));
    } finally {
      setIsSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('transfers.start')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={isSaving}
    >
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="to_org_code"
          label={t('transfers.to')}
          rules={[{ required: true, message: t('transfers.h5Search') }]}
        >
          <TargetSelect />
        </Form.Item>
        <Form.Item name="reason" label={t('transfers.h5Reason')}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
