import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Modal,
  Select,
  Space,
  Typography,
  Upload,
  type FormInstance,
  type UploadFile,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, asApiError, describeError } from '../../lib/http';
import { enterNotice, uploadNoticeScans, type CalendarDay, type CalendarYear } from './api';
import { formFieldOf, HOLIDAY_NAMES, isWeekend, noticeFromDays } from './calendar-model';
import { t } from './messages';

interface Values {
  holidays: Array<{ name: string; range: [Dayjs, Dayjs] }>;
  workdays: Dayjs[];
}

const toValues = (days: readonly CalendarDay[]): Values => {
  const notice = noticeFromDays(days);
  return {
    holidays: notice.holidays.map((h) => ({ name: h.name, range: [dayjs(h.from), dayjs(h.to)] })),
    workdays: notice.workdays.map((d) => dayjs(d)),
  };
};

/**
 * The national admin enters a year's State Council notice: holiday ranges (name picked from the seven
 * statutory holidays) and the make-up Saturdays and Sundays. Starts from the days shown (the computed,
 * provisional ones); the server's 422 fields land under the items they name; a confirmation comes first.
 */
export function NoticeEditor({
  year,
  days,
  onClose,
  onSaved,
}: {
  year: number;
  days: readonly CalendarDay[];
  onClose: () => void;
  onSaved: (year: CalendarYear) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { modal, message } = App.useApp();
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [scans, setScans] = useState<UploadFile[]>([]);
  const inYear = (d: Dayjs) => d.year() !== year;

  async function save(values: Values) {
    setIsSaving(true);
    setError(null);
    try {
      // Scans go up first; without new ones the year keeps the scans it has.
      const files = scans.flatMap((s) => (s.originFileObj ? [s.originFileObj as File] : []));
      const attachments = files.length ? await uploadNoticeScans(files) : undefined;
      const saved = await enterNotice(year, {
        attachments,
        holidays: values.holidays.map((h) => ({
          name: h.name,
          from: h.range[0].format('YYYY-MM-DD'),
          to: h.range[1].format('YYYY-MM-DD'),
        })),
        workdays: (values.workdays ?? []).map((d) => d.format('YYYY-MM-DD')),
      });
      void message.success(t('cal.saved', { year }));
      onSaved(saved);
    } catch (err) {
      const apiError = asApiError(err);
      const placed = Object.entries(apiError.fields ?? {}).flatMap(([field, text]) => {
        const name = formFieldOf(field);
        return name ? [{ field, name, errors: [text] }] : [];
      });
      // Untyped, as in applyFieldErrors: the server names fields as data, not as antd's NamePath<V>.
      (form as FormInstance).setFields(placed.map(({ name, errors }) => ({ name, errors })));
      const unplaced = placed.map((p) => p.field);
      if (!apiError.fields || unplaced.length < Object.keys(apiError.fields).length)
        setError(new ApiError(apiError.code, describeError(apiError, unplaced), apiError.fields, apiError.status));
    } finally {
      setIsSaving(false);
    }
  }

  async function confirmAndSave() {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    modal.confirm({
      title: t('cal.confirmTitle', { year }),
      content: t('cal.confirmText', { year }),
      onOk: () => save(values),
    });
  }

  return (
    <Modal
      open
      width={720}
      title={t('cal.editorTitle', { year })}
      okText={t('common.save')}
      onOk={confirmAndSave}
      confirmLoading={isSaving}
      onCancel={onClose}
      destroyOnHidden
      data-testid="notice-editor"
    >
      <Typography.Paragraph type="secondary">{t('cal.editorHint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={toValues(days)}>
        <Typography.Title level={5}>{t('cal.holidays')}</Typography.Title>
        <Form.List name="holidays">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }) => (
                <Space key={key} align="start" wrap data-testid={`holiday-${name}`} style={{ display: 'flex' }}>
                  <Form.Item name={[name, 'name']} rules={[{ required: true, message: t('cal.required') }]}>
                    <Select
                      style={{ width: 120 }}
                      placeholder={t('cal.holidayName')}
                      options={HOLIDAY_NAMES.map((n) => ({ value: n, label: n }))}
                    />
                  </Form.Item>
                  <Form.Item name={[name, 'range']} rules={[{ required: true, message: t('cal.required') }]}>
                    <DatePicker.RangePicker
                      disabledDate={inYear}
                      defaultPickerValue={[dayjs(`${year}-01-01`), dayjs(`${year}-01-01`)]}
                    />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} aria-label={t('common.remove')} onClick={() => remove(name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add()} style={{ marginBottom: 16 }}>
                {t('cal.addHoliday')}
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Title level={5}>{t('cal.workdays')}</Typography.Title>
        <Form.List name="workdays">
          {(fields, { add, remove }) => (
            <Space wrap align="start">
              {fields.map(({ key, name }) => (
                <Space key={key} align="start" size={4} data-testid={`workday-${name}`}>
                  <Form.Item name={name} rules={[{ required: true, message: t('cal.required') }]}>
                    <DatePicker
                      disabledDate={(d) => inYear(d) || !isWeekend(d.format('YYYY-MM-DD'))}
                      defaultPickerValue={dayjs(`${year}-01-01`)}
                    />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} aria-label={t('common.remove')} onClick={() => remove(name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add()} data-testid="add-workday">
                {t('cal.addWorkday')}
              </Button>
            </Space>
          )}
        </Form.List>
        <Typography.Title level={5}>{t('cal.scans')}</Typography.Title>
        <Upload
          accept="image/jpeg,image/png,image/webp,application/pdf"
          multiple
          maxCount={5}
          fileList={scans}
          beforeUpload={() => false}
          onChange={({ fileList }) => setScans(fileList)}
          data-testid="notice-scans"
        >
          <Button icon={<UploadOutlined />}>{t('cal.addScans')}</Button>
        </Upload>
        <Typography.Text type="secondary">{t('cal.scansHint')}</Typography.Text>
      </Form>
    </Modal>
  );
}
