import {
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  CASE_KIND_LABELS,
  CASE_SUBJECTS,
  CASE_TIERS,
  TIER_LABELS,
  type CaseKind,
  type CaseTier,
} from '../../../common/cases';
import { ErrorAlert } from '../../components/error-alert';
import { useFormSubmit } from '../../components/form-errors';
import { formatDate } from '../../lib/format';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';
import type { AccountMe } from '../auth/api';
import { fetchOrg } from '../orgs/api';
import { RegionCascader } from '../orgs/region-cascader';
import {
  lookUpCaller,
  openCadreCase,
  CASES_CHANGED,
  type CadreCaseBody,
  type CallerLookup,
  type CaseView,
} from './api';
import { subjectLabel, yuanToFen } from './case-model';
import { IntakeKnowledge } from './intake-knowledge';
import { t } from './messages';

/** The kinds a caller brings to 12351 (station repairs and visit issues come from their own screens). */
const INTAKE_KINDS: CaseKind[] = ['consultation', 'help', 'complaint', 'legal_aid', 'suggestion', 'hazard_report'];
const KIND_OPTIONS = INTAKE_KINDS.map((k) => ({ value: k, label: CASE_KIND_LABELS[k] }));
const TIER_OPTIONS = CASE_TIERS.map((tier) => ({ value: tier, label: TIER_LABELS[tier] }));
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8}|\d{7,8})$/;

interface Values {
  channel: 'hotline' | 'cadre';
  kind: CaseKind;
  subject: string;
  description: string;
  phone?: string;
  name?: string;
  anonymous?: boolean;
  employer?: string;
  /** In 元 as typed (the name is the body's, so the server's field errors land here). */
  wage_claimed_fen?: number | null;
  region_code?: string[];
  emergency?: boolean;
  tier: CaseTier;
  answer_now?: boolean;
  answer?: string;
}

/** The union receiving what this account opens: the console's current root when it may take cases there. */
function receivingOrgId(me: AccountMe, rootId: number): number | undefined {
  return me.grants.some((g) => g.org_id === rootId && g.permissions.includes('cases.intake')) ? rootId : undefined;
}

/**
 * 新建工单: a hotline agent registers a caller's request (or a cadre one brought in person) from the
 * keyboard alone: the first field has focus, Tab walks the form in reading order, Enter (Ctrl+Enter
 * in the text areas) submits. 直接答复 answers on the spot and the case closes at once.
 */
export function IntakePage({ me, rootId }: { me: AccountMe; rootId: number }) {
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [opened, setOpened] = useState<CaseView | null>(null);
  const [regionWithin, setRegionWithin] = useState<string | undefined>();
  const keyFor = useIdempotencyKey();
  const kind = Form.useWatch('kind', form);
  const subject = Form.useWatch('subject', form);
  const description = Form.useWatch('description', form);
  const anonymous = Form.useWatch('anonymous', form);
  const answerNow = Form.useWatch('answer_now', form);
  const isHotline = me.grants.some((g) => g.role_code === 'hotline_agent');
  /** A knowledge-base answer was chosen before its text area was shown: focus it once it mounts. */
  const focusAnswer = useRef(false);
  const [caller, setCaller] = useState<{ phone: string; found: CallerLookup } | null>(null);

  /** Who is calling: a member or not, and their earlier cases, looked up when the phone is typed. */
  function lookUp(phone: string | undefined) {
    const text = phone?.trim() ?? '';
    if (!/^1\d{10}$/.test(text)) return setCaller(null);
    if (caller?.phone === text) return;
    lookUpCaller(text).then(
      (found) => form.getFieldValue('phone')?.trim() === text && setCaller({ phone: text, found }),
      () => setCaller(null),
    );
  }

  useEffect(() => {
    fetchOrg(rootId).then(
      (org) => setRegionWithin(org.region_code),
      () => undefined,
    );
  }, [rootId]);

  const { submit, isSaving, error } = useFormSubmit(form, async (v: Values) => {
    const body: CadreCaseBody = {
      kind: v.kind,
      subject: v.subject,
      description: v.description.trim(),
      channel: v.channel,
      phone: v.phone?.trim() || undefined,
      name: v.anonymous ? undefined : v.name?.trim() || undefined,
      anonymous: v.anonymous === true,
      employer: v.employer?.trim() || undefined,
      wage_claimed_fen: yuanToFen(v.wage_claimed_fen),
      region_code: v.region_code?.[v.region_code.length - 1],
      emergency: v.emergency === true,
      tier: v.tier,
      org_id: receivingOrgId(me, rootId),
      answer: v.answer_now ? v.answer?.trim() : undefined,
    };
    const view = await openCadreCase(body, keyFor(body));
    window.dispatchEvent(new Event(CASES_CHANGED));
    setOpened(view);
  });

  /** Ctrl+Enter (⌘+Enter) submits from a text area, where Enter starts a new line. */
  const submitOnCtrlEnter = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.submit();
    }
  };

  if (opened) {
    const answered = opened.category === 'closed';
    return (
      <Card title={t('intake.title')} data-testid="intake-page">
        <Result
          status="success"
          title={
            <span data-testid="intake-result">
              {t(answered ? 'intake.createdAnswered' : 'intake.created', { no: opened.tracking_no })}
            </span>
          }
          subTitle={
            answered
              ? undefined
              : t('intake.dueLine', {
                  org: (opened.handling_org ?? opened.receiving_org).name,
                  date: formatDate(opened.due_date),
                })
          }
          extra={[
            <Button
              key="again"
              type="primary"
              autoFocus
              onClick={() => {
                form.resetFields();
                setCaller(null);
                setOpened(null);
              }}
              data-testid="intake-again"
            >
              {t('intake.another')}
            </Button>,
            <Button key="view" onClick={() => navigate(`/cases/${opened.id}`)} data-testid="intake-view">
              {t('intake.view')}
            </Button>,
          ]}
        />
      </Card>
    );
  }

  const subjects = kind ? CASE_SUBJECTS[kind] : [];
  return (
    <Card
      title={t('intake.title')}
      extra={<Button onClick={() => navigate('/cases')}>{t('intake.back')}</Button>}
      data-testid="intake-page"
    >
      <Typography.Paragraph type="secondary">{t('intake.intro')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ channel: isHotline ? 'hotline' : 'cadre', tier: 'normal' }}
        style={{ maxWidth: 880 }}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.kind) form.setFieldValue('subject', CASE_SUBJECTS[changed.kind][0]);
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="kind"
              label={t('intake.kind')}
              rules={[{ required: true, message: t('intake.kindRequired') }]}
            >
              <Select<CaseKind>
                autoFocus
                showSearch={{ optionFilterProp: 'label' }}
                options={KIND_OPTIONS}
                data-testid="intake-kind"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="subject"
              label={t('intake.subject')}
              rules={[{ required: true, message: t('intake.subjectRequired') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                disabled={!kind}
                options={subjects.map((s) => ({ value: s, label: subjectLabel(s) }))}
                data-testid="intake-subject"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="channel" label={t('cases.field.channel')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'hotline', label: t('cases.channel.hotline') },
                  { value: 'cadre', label: t('cases.channel.cadre') },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
        <LongText
          name="description"
          label={t('intake.description')}
          extra={t('intake.descriptionHint')}
          required={t('intake.descriptionRequired')}
          rows={4}
          onCtrlEnter={submitOnCtrlEnter}
          testId="intake-description"
        />
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="phone"
              label={t('intake.phone')}
              dependencies={['channel']}
              rules={[
                ({ getFieldValue }) => ({
                  required: getFieldValue('channel') === 'hotline',
                  whitespace: true,
                  message: t('intake.phoneRequired'),
                }),
                { pattern: PHONE, message: t('intake.phoneInvalid') },
              ]}
              extra={caller && <CallerLine found={caller.found} />}
            >
              <Input inputMode="tel" maxLength={20} onBlur={(e) => lookUp(e.target.value)} data-testid="intake-phone" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="name"
              label={t('intake.name')}
              dependencies={['channel', 'anonymous']}
              rules={[
                ({ getFieldValue }) => ({
                  required: getFieldValue('channel') === 'hotline' && getFieldValue('anonymous') !== true,
                  whitespace: true,
                  message: t('intake.nameRequired'),
                }),
              ]}
            >
              <Input maxLength={40} disabled={anonymous === true} data-testid="intake-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <CheckItem name="anonymous" label={t('intake.anonymous')} testId="intake-anonymous" />
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item name="employer" label={t('intake.employer')}>
              <Input maxLength={100} data-testid="intake-employer" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="wage_claimed_fen" label={t('intake.wage')}>
              <InputNumber<number> min={0} precision={2} style={{ width: '100%' }} data-testid="intake-wage" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="region_code" label={t('intake.region')}>
              {regionWithin ? <RegionCascader within={regionWithin} testId="intake-region" /> : <Input disabled />}
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="tier" label={t('intake.tier')}>
              <Radio.Group optionType="button" options={TIER_OPTIONS} data-testid="intake-tier" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <CheckItem name="emergency" label={t('intake.emergency')} testId="intake-emergency" />
          </Col>
        </Row>
        <IntakeKnowledge
          kind={kind}
          subject={subject}
          description={description}
          onUse={(a) => {
            form.setFieldsValue({ answer_now: true, answer: a.body });
            // The answer's text area mounts with the switch: it takes the focus (Ctrl+Enter submits).
            const shown = form.getFieldInstance('answer') as { focus?: () => void } | undefined;
            if (shown?.focus) shown.focus();
            else focusAnswer.current = true;
          }}
        />
        <Form.Item name="answer_now" label={t('intake.answerNow')} valuePropName="checked">
          <Switch data-testid="intake-answer-now" />
        </Form.Item>
        {answerNow && (
          <LongText
            name="answer"
            label={t('intake.answer')}
            required={t('intake.answerRequired')}
            rows={3}
            onCtrlEnter={submitOnCtrlEnter}
            onMounted={(el) => {
              if (focusAnswer.current) {
                focusAnswer.current = false;
                el.focus();
              }
            }}
            testId="intake-answer"
          />
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={isSaving} data-testid="intake-submit">
            {t(answerNow ? 'intake.submitAnswered' : 'intake.submit')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}

/** The caller at a glance: member or not, and how many cases they brought before (the latest few by number). */
/** A required text of up to 2000 characters; Ctrl+Enter submits the form from it. */
function LongText({
  name,
  label,
  extra,
  required,
  rows,
  onCtrlEnter,
  onMounted,
  testId,
}: {
  name: keyof Values & string;
  label: string;
  extra?: string;
  /** The message when it is left blank. */
  required: string;
  rows: number;
  onCtrlEnter: (e: KeyboardEvent) => void;
  /** Called with the text area once it is on the page (to focus it). */
  onMounted?: (el: { focus: () => void }) => void;
  testId: string;
}) {
  return (
    <Form.Item
      name={name}
      label={label}
      extra={extra}
      rules={[{ required: true, whitespace: true, message: required }]}
    >
      <Input.TextArea
        rows={rows}
        maxLength={2000}
        showCount
        onKeyDown={onCtrlEnter}
        ref={
          onMounted &&
          ((el) => {
            if (el) onMounted(el);
          })
        }
        data-testid={testId}
      />
    </Form.Item>
  );
}

/** A tick box on the row of labelled fields (its blank label keeps it level with theirs). */
function CheckItem({ name, label, testId }: { name: keyof Values & string; label: string; testId: string }) {
  return (
    <Form.Item name={name} label=" " valuePropName="checked">
      <Checkbox data-testid={testId}>{label}</Checkbox>
    </Form.Item>
  );
}

function CallerLine({ found }: { found: CallerLookup }) {
  return (
    <Typography.Text type="secondary" data-testid="intake-caller">
      {found.is_member ? t('intake.callerMember', { org: found.member_org ?? '' }) : t('intake.callerNotMember')}
      {' · '}
      {found.cases.length === 0
        ? t('intake.callerNoCases')
        : `${t('intake.callerCases', { n: found.cases.length })}：${found.cases
            .slice(0, 3)
            .map((c) => `${c.tracking_no}（${c.status_label}）`)
            .join('、')}`}
    </Typography.Text>
  );
}
