import { Button, Form, Input, Radio, Selector, Space, TextArea, Toast } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { CASE_RATINGS, RATING_LABELS, type CaseRating } from '../../../common/cases';
import { normaliseMobile } from '../../../common/phone';
import { asApiError, describeError } from '../../lib/http';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';
import { MobilePage } from '../../m/mobile-page';
import { PhoneField } from '../auth/phone-code-fields';
import { rateCase, trackCase, type PublicCaseView } from './h5-api';
import { CaseSummary, CaseTimeline } from './h5-case-view';
import { t } from './h5-messages';

interface Query {
  tracking_no: string;
  phone: string;
}

/** 查进度: the tracking number and the phone it was filed with (in the body, never the URL) show the case. */
export function CaseTrackPage() {
  const [params] = useSearchParams();
  const [form] = Form.useForm<Query>();
  const [view, setView] = useState<PublicCaseView | null>(null);
  const [asked, setAsked] = useState<Query | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const result = useRef<HTMLDivElement>(null);
  // On a small screen the answer starts below the fold: bring it up.
  useEffect(() => {
    if (view) result.current?.scrollIntoView({ block: 'start' });
  }, [view]);

  async function look(values: Query) {
    const query = {
      tracking_no: values.tracking_no.trim().toUpperCase(),
      phone: normaliseMobile(values.phone) ?? values.phone,
    };
    form.setFields([{ name: 'tracking_no', errors: [] }]);
    setIsLoading(true);
    try {
      setView(await trackCase(query));
      setAsked(query);
    } catch (err) {
      const error = asApiError(err);
      setView(null);
      // A wrong phone and a missing number read alike: the message names both.
      if (error.code === 'not_found') form.setFields([{ name: 'tracking_no', errors: [t('caseH5.notFound')] }]);
      else if (error.fields)
        form.setFields(Object.entries(error.fields).map(([name, message]) => ({ name, errors: [message] })));
      else Toast.show({ icon: 'fail', content: describeError(error) });
    } finally {
      setIsLoading(false);
    }
  }

  return (
    <MobilePage title={t('caseH5.trackTitle')}>
      <Form
        form={form}
        layout="vertical"
        mode="card"
        initialValues={{ tracking_no: params.get('no') ?? '' }}
        onFinish={(v: Query) => void look(v)}
        footer={
          <Button block type="submit" color="primary" size="large" loading={isLoading} data-testid="m-track-submit">
            {t('caseH5.track')}
          </Button>
        }
      >
        <Form.Item
          name="tracking_no"
          label={t('caseH5.trackingNo')}
          rules={[{ required: true, whitespace: true, message: t('caseH5.trackingNoRequired') }]}
        >
          <Input
            maxLength={30}
            clearable
            autoComplete="off"
            placeholder={t('caseH5.trackingNoPlaceholder')}
            data-testid="m-track-no"
          />
        </Form.Item>
        <PhoneField placeholder={t('caseH5.trackPhonePlaceholder')} testId="m-track-phone" />
      </Form>
      {view && asked && (
        <div ref={result} data-testid="m-track-result" style={{ paddingBottom: 24 }}>
          <CaseSummary view={view} />
          {view.can_rate && <RateForm asked={asked} onRated={setView} />}
          <CaseTimeline view={view} />
        </div>
      )}
      {!view && (
        <div style={{ textAlign: 'center', padding: '0 0 32px' }}>
          <Link to="/cases">{t('caseH5.fileNew')}</Link>
        </div>
      )}
    </MobilePage>
  );
}

interface Rating {
  rating: CaseRating[];
  resolved?: 'yes' | 'no';
  reason?: string;
}

/** 回访: once the case is closed, the requester says how satisfied they are and whether it was solved. */
function RateForm({ asked, onRated }: { asked: Query; onRated: (view: PublicCaseView) => void }) {
  const [form] = Form.useForm<Rating>();
  const [isSending, setIsSending] = useState(false);
  const keyFor = useIdempotencyKey();
  const rating = Form.useWatch('rating', form)?.[0];

  async function rate(values: Rating) {
    const body = {
      ...asked,
      rating: values.rating[0]!,
      resolved: values.resolved === 'yes',
      ...(values.reason?.trim() ? { reason: values.reason.trim() } : {}),
    };
    setIsSending(true);
    try {
      const view = await rateCase(body, keyFor(body));
      Toast.show({ icon: 'success', content: t('caseH5.rated') });
      onRated(view);
    } catch (err) {
      const error = asApiError(err);
      if (error.fields)
        form.setFields(Object.entries(error.fields).map(([name, message]) => ({ name, errors: [message] })));
      else Toast.show({ icon: 'fail', content: describeError(error) });
    } finally {
      setIsSending(false);
    }
  }

  return (
    <Form
      form={form}
      layout="vertical"
      mode="card"
      style={{ marginTop: 12 }}
      initialValues={{ rating: [] }}
      onValuesChange={(changed: Partial<Rating>) => {
        // A reason is asked for only when unsatisfied: another rating lifts the request.
        if (changed.rating) form.setFields([{ name: 'reason', errors: [] }]);
      }}
      onFinish={(v: Rating) => void rate(v)}
      footer={
        <Button block type="submit" color="primary" loading={isSending} data-testid="m-rate-submit">
          {t('caseH5.rateSubmit')}
        </Button>
      }
      data-testid="m-rate-form"
    >
      <Form.Header>{t('caseH5.rateTitle')}</Form.Header>
      <Form.Item
        name="rating"
        label={t('caseH5.rating')}
        rules={[{ required: true, type: 'array', min: 1, message: t('caseH5.ratingRequired') }]}
      >
        <Selector
          columns={3}
          options={CASE_RATINGS.map((r) => ({ value: r, label: RATING_LABELS[r] }))}
          data-testid="m-rate-rating"
        />
      </Form.Item>
      <Form.Item
        name="resolved"
        label={t('caseH5.resolved')}
        rules={[{ required: true, message: t('caseH5.resolvedRequired') }]}
      >
        <Radio.Group>
          <Space>
            <Radio value="yes" data-testid="m-rate-resolved-yes">
              {t('caseH5.resolvedYes')}
            </Radio>
            <Radio value="no" data-testid="m-rate-resolved-no">
              {t('caseH5.resolvedNo')}
            </Radio>
          </Space>
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('caseH5.reason')}
        rules={
          rating === 'unsatisfied' ? [{ required: true, whitespace: true, message: t('caseH5.reasonRequired') }] : []
        }
      >
        <TextArea
          maxLength={500}
          showCount
          rows={3}
          placeholder={t('caseH5.reasonPlaceholder')}
          data-testid="m-rate-reason"
        />
      </Form.Item>
    </Form>
  );
}
