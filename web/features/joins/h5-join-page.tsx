import { Button, Checkbox, Form, Input, Selector, Toast } from 'antd-mobile';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { parseIdNumber } from '../../../common/id-number';
import { NEW_FORM_OCCUPATIONS, OCCUPATIONS, PLATFORMS, type Occupation } from '../../../common/members';
import { normaliseMobile } from '../../../common/phone';
import { asApiError, describeError } from '../../lib/http';
import { MobilePage } from '../../m/mobile-page';
import { CodeField, PhoneField } from '../auth/phone-code-fields';
import { t } from './h5-messages';
import { fetchJoinOrg, sendJoinOtp, submitJoin, type JoinOrg } from './h5-api';
import { clearDraft, keyFor, loadDraft, saveDraft, type JoinDraft } from './join-draft';
import { JoinResult, type JoinOutcome } from './h5-join-result';
import { UnionSearch } from './h5-union-search';
import { RegionSheet } from './region-sheet';

interface Values {
  name: string;
  id_number: string;
  phone: string;
  otp: string;
  occupation: Occupation[];
  platform: string[];
  platform_other?: string;
  employer?: string;
  work_region?: { code: string; full_name: string };
  consent: boolean;
}

const OTHER = '__other';
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** 码上入会 (DESIGN.md §2 B): from a union's QR (`?org=<code>`) or the home tile; about two minutes on a phone. */
export function JoinPage() {
  const [params] = useSearchParams();
  const orgCode = params.get('org') ?? undefined;
  const [form] = Form.useForm<Values>();
  const [org, setOrg] = useState<JoinOrg | null>(null);
  const [orgMissing, setOrgMissing] = useState(false);
  /** Found by the search (no QR): joined by its code, as 'search'. */
  const [picked, setPicked] = useState<JoinOrg | null>(null);
  /** The worker said their employer has no union: the holding pool, no search shown. */
  const [noUnion, setNoUnion] = useState(false);
  const [draft, setDraft] = useState<JoinDraft>(() => loadDraft() ?? { values: {} });
  const [answer, setAnswer] = useState<JoinOutcome | null>(null);
  const [regionOpen, setRegionOpen] = useState(false);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const occupation = Form.useWatch('occupation', form)?.[0];
  const platform = Form.useWatch('platform', form)?.[0];

  useEffect(() => {
    if (!orgCode) return;
    fetchJoinOrg(orgCode).then(setOrg, () => setOrgMissing(true));
  }, [orgCode]);

  useEffect(() => {
    if (Object.keys(draft.values).length > 0) Toast.show({ content: t('join.draftRestored') });
    // Once, on opening: the restored draft is the initial values.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The region picker opens at the QR union's city, or at the provinces.
  const regionStart = useMemo(() => {
    const from = org ?? picked;
    if (!from) return [];
    const city = `${from.region_code.slice(0, 4)}00`;
    return [{ code: city, name: from.region_name ?? city }];
  }, [org, picked]);

  function remember(values: Partial<Values>) {
    const next = { ...draft, values: { ...draft.values, ...values } };
    setDraft(next);
    saveDraft(next);
  }

  async function submit(values: Values) {
    const platformName = values.platform?.[0] === OTHER ? values.platform_other?.trim() : values.platform?.[0];
    const body = {
      name: values.name.trim(),
      id_number: values.id_number,
      phone: normaliseMobile(values.phone) ?? values.phone,
      otp: values.otp.trim(),
      occupation: values.occupation[0]!,
      consent: values.consent,
      ...(orgCode && !orgMissing
        ? { org_code: orgCode }
        : picked
          ? { org_code: picked.code, found_by: 'search' as const }
          : {}),
      ...(platformName ? { platform: platformName } : {}),
      ...(values.employer?.trim() ? { employer: values.employer.trim() } : {}),
      ...(values.work_region ? { work_region_code: values.work_region.code } : {}),
    };
    const { key, draft: withKey } = keyFor(draft, body);
    setDraft(withKey);
    saveDraft(withKey);
    setIsSubmitting(true);
    try {
      const result = await submitJoin(body, key);
      clearDraft();
      setAnswer({ ...result, org_name: (org ?? picked)?.name });
    } catch (err) {
      const error = asApiError(err);
      if (error.code === 'network') Toast.show({ icon: 'fail', content: t('join.offline'), duration: 4000 });
      else if (error.fields) {
        form.setFields(
          Object.entries(error.fields).map(([name, message]) => ({
            name: name.endsWith('region_code') ? 'work_region' : name,
            errors: [message],
          })),
        );
        Toast.show({ icon: 'fail', content: error.code === 'validation_failed' ? t('join.fixFields') : error.message });
      } else Toast.show({ icon: 'fail', content: describeError(error) });
    } finally {
      setIsSubmitting(false);
    }
  }

  if (answer) return <JoinResult answer={answer} />;

  const isNewForm = occupation !== undefined && NEW_FORM_OCCUPATIONS.includes(occupation);
  return (
    <MobilePage title={t('join.title')}>
      <div style={{ padding: '12px 16px 0', fontSize: 14, color: '#555' }} data-testid="m-join-intro">
        {org || picked ? (
          <strong style={{ color: '#c41d24' }} data-testid="m-join-org">
            {t('join.joining', { name: (org ?? picked)!.name })}
          </strong>
        ) : (
          <span>{orgMissing ? t('join.orgMissing') : t('join.intro')}</span>
        )}
        {picked && (
          <a style={{ marginLeft: 8, fontSize: 13 }} onClick={() => setPicked(null)} data-testid="m-join-union-clear">
            {t('join.changeUnion')}
          </a>
        )}
        {!org && !picked && !noUnion && (
          <div style={{ margin: '10px 0 0' }}>
            <div style={{ fontSize: 14, fontWeight: 600, color: '#333' }}>{t('join.searchTitle')}</div>
            <UnionSearch onPick={setPicked} />
            <Button
              size="small"
              style={{ marginTop: 8 }}
              onClick={() => setNoUnion(true)}
              data-testid="m-join-no-union"
            >
              {t('join.noUnion')}
            </Button>
          </div>
        )}
        {!org && !picked && <p style={{ margin: '6px 0 0', fontSize: 13 }}>{t('join.pool')}</p>}
      </div>
      <Form
        form={form}
        layout="vertical"
        mode="card"
        initialValues={{ consent: false, occupation: [], platform: [], ...draft.values } as Partial<Values>}
        onValuesChange={(changed: Partial<Values>) => remember(changed)}
        onFinish={(v: Values) => void submit(v)}
        footer={
          <Button block type="submit" color="primary" size="large" loading={isSubmitting} data-testid="m-join-submit">
            {t('join.submit')}
          </Button>
        }
      >
        <Form.Item
          name="name"
          label={t('join.name')}
          rules={[{ required: true, whitespace: true, message: t('join.nameRequired') }]}
        >
          <Input maxLength={40} autoComplete="name" placeholder={t('join.namePlaceholder')} data-testid="m-join-name" />
        </Form.Item>
        <Form.Item
          name="id_number"
          label={t('join.idNumber')}
          rules={[
            { required: true, message: t('join.idRequired') },
            {
              validator: async (_, value: string | undefined) => {
                if (!value) return;
                const r = parseIdNumber(value, today());
                if (!r.ok) throw new Error(r.message);
              },
            },
          ]}
        >
          <Input maxLength={22} autoComplete="off" placeholder={t('join.idPlaceholder')} data-testid="m-join-id" />
        </Form.Item>
        <PhoneField placeholder={t('join.phonePlaceholder')} testId="m-join-phone" />
        <CodeField form={form} send={sendJoinOtp} placeholder={t('join.otpPlaceholder')} testIdPrefix="m-join" />
        <Form.Item
          name="occupation"
          label={t('join.occupation')}
          rules={[{ required: true, type: 'array', min: 1, message: t('join.occupationRequired') }]}
        >
          <Selector
            columns={2}
            options={Object.entries(OCCUPATIONS).map(([value, label]) => ({ value, label }))}
            data-testid="m-join-occupation"
          />
        </Form.Item>
        {isNewForm && (
          <Form.Item name="platform" label={t('join.platform')}>
            <Selector
              columns={3}
              options={[
                ...PLATFORMS.map((p) => ({ value: p, label: p })),
                { value: OTHER, label: t('join.platformOther') },
              ]}
              data-testid="m-join-platform"
            />
          </Form.Item>
        )}
        {isNewForm && platform === OTHER && (
          <Form.Item name="platform_other" label={t('join.platformOther')}>
            <Input maxLength={40} placeholder={t('join.platformOtherPlaceholder')} />
          </Form.Item>
        )}
        <Form.Item name="employer" label={t('join.employer')}>
          <Input maxLength={100} placeholder={t('join.employerPlaceholder')} data-testid="m-join-employer" />
        </Form.Item>
        <Form.Item
          name="work_region"
          label={t('join.workRegion')}
          rules={org ? [] : [{ required: true, message: t('join.regionRequired') }]}
          onClick={() => setRegionOpen(true)}
          arrow
          data-testid="m-join-region"
        >
          <RegionValue />
        </Form.Item>
        <Form.Item>
          <div style={{ fontSize: 13, lineHeight: 1.6, color: '#666' }} data-testid="m-join-notice">
            <strong>{t('join.noticeTitle')}</strong>
            <p style={{ margin: '4px 0' }}>{t('join.notice')}</p>
            <Link to="/privacy">{t('join.noticeLink')}</Link>
          </div>
        </Form.Item>
        <Form.Item
          name="consent"
          valuePropName="checked"
          rules={[
            {
              validator: async (_, v: boolean) => {
                if (!v) throw new Error(t('join.consentRequired'));
              },
            },
          ]}
        >
          <Checkbox data-testid="m-join-consent" style={{ '--icon-size': '18px', '--font-size': '14px' }}>
            {t('join.consent')}
          </Checkbox>
        </Form.Item>
      </Form>
      <div style={{ textAlign: 'center', padding: '0 0 32px' }}>
        <Link to="/join/status" data-testid="m-join-status-link">
          {t('join.checkStatus')}
        </Link>
      </div>
      <RegionSheet
        visible={regionOpen}
        start={regionStart}
        onClose={() => setRegionOpen(false)}
        onPick={(region) => {
          form.setFieldValue('work_region', { code: region.code, full_name: region.full_name });
          form.setFields([{ name: 'work_region', errors: [] }]);
          remember({ work_region: { code: region.code, full_name: region.full_name } });
          setRegionOpen(false);
        }}
      />
    </MobilePage>
  );
}

/** The chosen region as the form item shows it. */
function RegionValue({ value }: { value?: { code: string; full_name: string } }) {
  return <span style={{ color: value ? '#333' : '#999' }}>{value ? value.full_name : t('join.regionPick')}</span>;
}
