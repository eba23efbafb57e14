import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../../lib/http';
import { exportMasked, exportUnmasked } from './api';
import { t } from './messages';

type Filters = Record<string, string | number | boolean | undefined>;

/**
 * Exports a list with its current filters to xlsx (`path` as `/members`): masked by a plain click;
 * with full numbers, for an account that may see them, after a typed reason (sent in the body and
 * audited by the server).
 */
export function ExportButton({
  path,
  filters,
  canUnmask,
  disabled,
}: {
  path: string;
  filters: Filters;
  canUnmask: boolean;
  disabled?: boolean;
}) {
  const { message } = App.useApp();
  const [isBusy, setIsBusy] = useState(false);
  const [isAsking, setIsAsking] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const run = async (work: () => Promise<void>) => {
    setIsBusy(true);
    void message.info(t('exports.started'));
    try {
      await work();
      return true;
    } catch (err) {
      void message.error(describeError(err));
      return false;
    } finally {
      setIsBusy(false);
    }
  };
  const masked = () => run(() => exportMasked(path, filters));

  const button = canUnmask ? (
    <Dropdown.Button
      icon={<DownloadOutlined />}
      loading={isBusy}
      disabled={disabled}
      onClick={masked}
      menu={{
        items: [{ key: 'unmasked', label: t('exports.unmasked') }],
        onClick: () => setIsAsking(true),
      }}
      data-testid="export-button"
    >
      {t('exports.masked')}
    </Dropdown.Button>
  ) : (
    <Button
      icon={<DownloadOutlined />}
      loading={isBusy}
      disabled={disabled}
      onClick={masked}
      data-testid="export-button"
    >
      {t('exports.masked')}
    </Button>
  );

  return (
    <>
      {button}
      <Modal
        open={isAsking}
        title={t('exports.reasonTitle')}
        okButtonProps={{ loading: isBusy, danger: true }}
        onCancel={() => setIsAsking(false)}
        onOk={() =>
          form.validateFields().then(async ({ reason }) => {
            if (await run(() => exportUnmasked(path, filters, reason.trim()))) {
              setIsAsking(false);
              form.resetFields();
            }
          })
        }
        destroyOnHidden
      >
        <Typography.Paragraph type="warning">{t('exports.reasonHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label={t('exports.reason')}
            rules={[
              {
                validator: (_r, value: string | undefined) =>
                  [...(value ?? '').trim()].length >= 4
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('exports.reasonTooShort'))),
              },
            ]}
          >
            <Input.TextArea rows={3} maxLength={200} showCount data-testid="export-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
