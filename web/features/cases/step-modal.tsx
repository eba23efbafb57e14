import { Form, Input, InputNumber, Modal, Select, Switch, Typography } from 'antd';
import { CASE_TIERS, EVENT_LABELS, TIER_LABELS, type CaseAction, type CaseTier } from '../../../common/cases';
import { ErrorAlert } from '../../components/error-alert';
import { namesFormField, useFormSubmit, type FieldNames } from '../../components/form-errors';
import { asApiError, type ApiError } from '../../lib/http';
import { OrgSelect } from '../orgs/org-select';
import { takeCaseStep, type CaseStepBody, type CaseView } from './api';
import { DANGER_STEPS, isWageCase, stepFields, yuanToFen, type StepField } from './case-model';
import { t } from './messages';

interface Values {
  org_id?: number;
  tier?: CaseTier;
  reason?: string;
  days?: number;
  wage?: number | null;
  public?: boolean;
}

const TIER_OPTIONS = CASE_TIERS.map((tier) => ({ value: tier, label: TIER_LABELS[tier] }));

/** The server's field names where the form's differ (a 422 names the body's fields). */
const FORM_FIELD: FieldNames = { wage_recovered_fen: 'wage' };

export type StepOutcome = { kind: 'done'; view: CaseView } | { kind: 'stale' } | { kind: 'refused'; error: ApiError };

/**
 * One step on a case in a small form asking exactly what the step needs. The answer goes back to
 * the detail: done (the new view), stale (someone acted first: reload), or refused (not allowed now).
 */
export function StepModal({
  kase,
  action,
  onClose,
  onOutcome,
}: {
  kase: CaseView;
  action: CaseAction;
  onClose: () => void;
  onOutcome: (outcome: StepOutcome) => void;
}) {
  const [form] = Form.useForm<Values>();
  const fields = stepFields(action, isWageCase(kase));
  const has = (f: StepField) => fields.includes(f);
  const label = EVENT_LABELS[action];

  // A refusal that names a field of this form (an extension asked after the deadline names 延期天数,
  // a blank reason names the reason) is shown under that field and the form stays open; a stale
  // version or a refusal of the step itself goes back to the detail; anything else shows above the form.
  const { submit, isSaving, error } = useFormSubmit(
    form,
    async (values: Values) => {
      const body: CaseStepBody = { version: kase.version };
      if (values.reason !== undefined) body.reason = values.reason.trim();
      if (has('org')) body.org_id = values.org_id;
      if (has('tier') && values.tier) body.tier = values.tier;
      if (has('days')) body.days = values.days;
      if (has('wage')) body.wage_recovered_fen = yuanToFen(values.wage);
      if (has('note')) body.public = values.public === true;
      let view: CaseView;
      try {
        view = await takeCaseStep(kase.id, action, body);
      } catch (err) {
        const e = asApiError(err);
        if (e.code === 'stale_version') return onOutcome({ kind: 'stale' });
        if (e.status === 409 && !namesFormField(form, e, FORM_FIELD)) return onOutcome({ kind: 'refused', error: e });
        throw err;
      }
      onOutcome({ kind: 'done', view });
    },
    { fieldNames: FORM_FIELD },
  );

  const textRules = (message: string) => [{ required: true, whitespace: true, message }];
  return (
    <Modal
      open
      title={`${label} · ${kase.tracking_no}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={label}
      okButtonProps={{ danger: DANGER_STEPS.has(action), id: 'case-step-ok' }}
      confirmLoading={isSaving}
      destroyOnHidden
      data-testid="case-step-modal"
    >
      <ErrorAlert error={error} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        initialValues={{ tier: kase.tier, public: false }}
      >
        {fields.length === 0 && (
          <Typography.Paragraph>{t('cases.step.confirm', { action: label })}</Typography.Paragraph>
        )}
        {has('org') && (
          <Form.Item
            name="org_id"
            label={t('cases.step.org')}
            rules={[{ required: true, message: t('cases.step.orgRequired') }]}
          >
            <OrgSelect
              activeOnly
              initialOption={
                kase.handling_org ? { value: kase.handling_org.id, label: kase.handling_org.name } : undefined
              }
              testId="case-step-org"
            />
          </Form.Item>
        )}
        {has('tier') && (
          <Form.Item name="tier" label={t('cases.step.tier')}>
            <Select<CaseTier> options={TIER_OPTIONS} data-testid="case-step-tier" />
          </Form.Item>
        )}
        {has('days') && (
          <Form.Item
            name="days"
            label={t('cases.step.days')}
            rules={[{ required: true, type: 'integer', min: 1, max: 60, message: t('cases.step.daysRequired') }]}
          >
            <InputNumber min={1} max={60} precision={0} style={{ width: 140 }} data-testid="case-step-days" />
          </Form.Item>
        )}
        {has('reason') && (
          <Form.Item name="reason" label={t('cases.step.reason')} rules={textRules(t('cases.step.reasonRequired'))}>
            <Input.TextArea rows={3} maxLength={500} showCount autoFocus data-testid="case-step-reason" />
          </Form.Item>
        )}
        {has('reply') && (
          <Form.Item name="reason" label={t('cases.step.replyText')} rules={textRules(t('cases.step.replyRequired'))}>
            <Input.TextArea rows={4} maxLength={2000} showCount autoFocus data-testid="case-step-reason" />
          </Form.Item>
        )}
        {has('answer') && (
          <Form.Item name="reason" label={t('cases.step.answerText')} rules={textRules(t('cases.step.answerRequired'))}>
            <Input.TextArea rows={4} maxLength={2000} showCount autoFocus data-testid="case-step-reason" />
          </Form.Item>
        )}
        {has('note') && (
          <>
            <Form.Item name="reason" label={t('cases.step.noteText')} rules={textRules(t('cases.step.noteRequired'))}>
              <Input.TextArea rows={3} maxLength={2000} showCount autoFocus data-testid="case-step-reason" />
            </Form.Item>
            <Form.Item name="public" label={t('cases.step.public')} valuePropName="checked">
              <Switch data-testid="case-step-public" />
            </Form.Item>
          </>
        )}
        {has('wage') && (
          <Form.Item name="wage" label={t('cases.step.wageRecovered')}>
            <InputNumber<number> min={0} precision={2} step={100} style={{ width: 200 }} data-testid="case-step-wage" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
