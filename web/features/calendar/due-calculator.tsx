import { Alert, Button, Card, DatePicker, Form, InputNumber, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { useFormSubmit } from '../../components/form-errors';
import { fetchDue, type DueExplanation } from './api';
import { weekdayMondayFirst } from './calendar-model';
import { t } from './messages';
import { REGION_CHOICES } from './regions';

interface Values {
  from: Dayjs;
  working_days: number;
  region_code: string;
}

const WEEKDAY_ZH = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const shortDate = (date: string) => `${date.slice(5)}（${WEEKDAY_ZH[weekdayMondayFirst(date)]}）`;

/**
 * Each step of the count in date order: the day of receipt, the runs skipped with why, each working
 * day counted. Also the case detail's due-date popover (web/features/cases).
 */
export function Explanation({ due, receivedOn }: { due: DueExplanation; receivedOn: string }) {
  type Step = { date: string; node: React.ReactNode };
  const steps: Step[] = [
    {
      date: receivedOn,
      node: <Typography.Text type="secondary">{`${shortDate(receivedOn)} ${t('cal.receiptDay')}`}</Typography.Text>,
    },
  ];
  due.counted.forEach((c, i) =>
    steps.push({
      date: c.date,
      node: (
        <Space size={6}>
          <span>{shortDate(c.date)}</span>
          <Tag color="green">{t('cal.counted', { n: i + 1 })}</Tag>
          {c.label && <Tag color="blue">{c.label.endsWith('调休上班') ? t('cal.makeUp') : c.label}</Tag>}
        </Space>
      ),
    }),
  );
  for (const run of due.skipped)
    steps.push({
      date: run.from,
      node: (
        <Space size={6}>
          <span>{run.from === run.to ? shortDate(run.from) : `${shortDate(run.from)} – ${shortDate(run.to)}`}</span>
          <Tag color="red">
            {t('cal.skipped')} · {run.reason === '周末' ? t('cal.weekend') : run.reason}
          </Tag>
          {run.provisional && <Tag color="gold">{t('cal.provisional')}</Tag>}
        </Space>
      ),
    });
  steps.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return (
    <ol style={{ margin: 0, paddingInlineStart: 20, lineHeight: '30px' }} data-testid="due-steps">
      {steps.map((s) => (
        <li key={s.date}>{s.node}</li>
      ))}
    </ol>
  );
}

/** The due date calculator: N working days after a moment of receipt, explained day by day. */
export function DueCalculator({ defaultRegion }: { defaultRegion: string }) {
  const [form] = Form.useForm<Values>();
  const [due, setDue] = useState<{ result: DueExplanation; receivedOn: string } | null>(null);
  const { submit, isSaving, error } = useFormSubmit(form, async (values: Values) => {
    const from = values.from.format('YYYY-MM-DDTHH:mm');
    const result = await fetchDue(from, values.working_days, values.region_code || undefined);
    setDue({ result, receivedOn: values.from.format('YYYY-MM-DD') });
  });

  return (
    <Card title={t('cal.calculator')} data-testid="due-calculator">
      <Form
        form={form}
        layout="inline"
        initialValues={{ from: dayjs().startOf('hour'), working_days: 5, region_code: defaultRegion }}
        onFinish={submit}
        style={{ rowGap: 12, marginBottom: 16 }}
      >
        <Form.Item name="from" label={t('cal.receivedAt')} rules={[{ required: true, message: t('cal.required') }]}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            allowClear={false}
            data-testid="due-from"
          />
        </Form.Item>
        <Form.Item
          name="working_days"
          label={t('cal.workingDays')}
          rules={[{ required: true, message: t('cal.required') }]}
        >
          <InputNumber min={1} max={250} precision={0} style={{ width: 100 }} data-testid="due-days" />
        </Form.Item>
        <Form.Item name="region_code" label={t('cal.region')}>
          <Select style={{ width: 160 }} options={REGION_CHOICES.map((r) => ({ value: r.code, label: r.label() }))} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={isSaving} data-testid="due-submit">
            {t('cal.calculate')}
          </Button>
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
      {due && (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="due-result">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('cal.dueDate')}：<span data-testid="due-date">{due.result.due_date}</span>
            <Typography.Text type="secondary" style={{ fontSize: 14, marginInlineStart: 12 }}>
              {t('cal.dueAt', { date: shortDate(due.result.due_date), at: due.result.due_at })}
            </Typography.Text>
          </Typography.Title>
          {due.result.provisional && <Alert type="warning" showIcon title={t('cal.dueProvisional')} />}
          <Explanation due={due.result} receivedOn={due.receivedOn} />
        </div>
      )}
    </Card>
  );
}
