import {
  Button,
  Form,
  ImageUploader,
  Input,
  Selector,
  Switch,
  TextArea,
  Toast,
  type ImageUploadItem,
} from 'antd-mobile';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  CASE_KIND_LABELS,
  CASE_SUBJECT_LABELS,
  CASE_SUBJECTS,
  PUBLIC_CASE_KINDS,
  type CaseSubject,
} from '../../../common/cases';
import { normaliseMobile } from '../../../common/phone';
import { asApiError, describeError } from '../../lib/http';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';
import { HotlineLink } from '../../m/hotline-link';
import { MobilePage } from '../../m/mobile-page';
import { CodeField, PhoneField } from '../auth/phone-code-fields';
import { SessionProvider, useSession } from '../auth/session';
import { yuanToFen } from './fen';
import { fileCase, sendCaseOtp, uploadCasePhoto, type CaseFiled, type CaseInput } from './h5-api';
import { RegionSheet } from '../joins/region-sheet';
import { CaseFiledResult } from './h5-case-result';
import { t } from './h5-messages';

type PublicKind = (typeof PUBLIC_CASE_KINDS)[number];

interface Values {
  kind: PublicKind[];
  subject: string[];
  description: string;
  wage_yuan?: string;
  employer?: string;
  employer_uscc?: string;
  anonymous: boolean;
  name?: string;
  /** Absent while the worker is signed in: the session's phone files the case. */
  phone?: string;
  otp?: string;
}

/** common/api/cases.ts DESCRIPTION_MAX (the web takes only types from common/api). */
const DESCRIPTION_MAX = 2000;
const MAX_PHOTOS = 6;
const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
/** Subjects of the kinds a worker files whose case claims unpaid wages. */
const WAGE_SUBJECTS = new Set<string>(['wage_arrears']);

/** Where a server's field name shows on this form. */
function fieldOf(name: string): string {
  if (name.startsWith('attachments')) return 'photos';
  if (name === 'lat' || name === 'lng' || name === 'crs') return 'location';
  if (name === 'wage_claimed_fen') return 'wage_yuan';
  return name;
}

/**
 * 我要求助: kind, subject, a few words, optional photos and place, the phone with a code; about two
 * minutes. A worker signed in by phone files under that phone, with no second code.
 */
export function CasePage() {
  return (
    <SessionProvider>
      <CaseForm />
    </SessionProvider>
  );
}

function CaseForm() {
  const { state: session, reload: reloadSession } = useSession();
  // Until the session is known the form shows no phone block: a signed-in worker must not see a code field flash.
  const signedIn = session.status === 'ready' && session.me?.kind === 'worker' ? session.me : null;
  const showsPhone = session.status !== 'loading' && !signedIn;
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<ImageUploadItem[]>([]);
  // The upload's answer per photo: its id and, for a worker nobody signed in, the token that proves it is theirs.
  const [refs] = useState(() => new Map<string, { id: string; token?: string }>());
  const [place, setPlace] = useState<{ lat: number; lng: number } | null>(null);
  const [region, setRegion] = useState<{ code: string; full_name: string } | null>(null);
  const [regionOpen, setRegionOpen] = useState(false);
  const [isLocating, setIsLocating] = useState(false);
  const [filed, setFiled] = useState<CaseFiled | null>(null);
  const [isSending, setIsSending] = useState(false);
  const [isCodeRefused, setIsCodeRefused] = useState(false);
  const keyFor = useIdempotencyKey();
  const kind = Form.useWatch('kind', form)?.[0];
  const subject = Form.useWatch('subject', form)?.[0];
  const anonymous = Form.useWatch('anonymous', form) ?? false;

  const upload = async (file: File): Promise<ImageUploadItem> => {
    let uploaded;
    try {
      uploaded = await uploadCasePhoto(file);
    } catch (err) {
      Toast.show({ icon: 'fail', content: describeError(err) });
      throw err;
    }
    refs.set(uploaded.url, { id: uploaded.id, ...(uploaded.token ? { token: uploaded.token } : {}) });
    // The private file reads only with its token; the preview is the phone's own copy.
    return { url: URL.createObjectURL(file), extra: uploaded.url };
  };

  const locate = () => {
    if (!('geolocation' in navigator)) {
      Toast.show(t('caseH5.locateFailed'));
      return;
    }
    setIsLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setIsLocating(false);
        setPlace({ lat: pos.coords.latitude, lng: pos.coords.longitude });
        form.setFields([{ name: 'region_code', errors: [] }]);
      },
      () => {
        // Refused or unavailable: the case goes without a place (the description can name it).
        setIsLocating(false);
        Toast.show(t('caseH5.locateFailed'));
      },
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 60_000 },
    );
  };

  async function submit(values: Values) {
    const chosenKind = values.kind[0]!;
    const chosenSubject = values.subject[0]!;
    // The union of the place takes the case: a region, or where the phone is.
    if (!region && !place) {
      form.setFields([{ name: 'region_code', errors: [t('caseH5.placeRequired')] }]);
      document.querySelector('[data-testid="m-case-region"]')?.scrollIntoView({ block: 'center' });
      return;
    }
    const wage = WAGE_SUBJECTS.has(chosenSubject) && values.wage_yuan?.trim() ? yuanToFen(values.wage_yuan) : null;
    const body: CaseInput = {
      kind: chosenKind,
      subject: chosenSubject,
      description: values.description.trim(),
      ...(signedIn ? {} : { phone: normaliseMobile(values.phone ?? '') ?? values.phone, otp: values.otp?.trim() }),
      anonymous: values.anonymous,
      ...(values.name?.trim() && !values.anonymous ? { name: values.name.trim() } : {}),
      ...(values.employer?.trim() ? { employer: values.employer.trim() } : {}),
      ...(values.employer_uscc?.trim() ? { employer_uscc: values.employer_uscc.trim().toUpperCase() } : {}),
      ...(wage !== null ? { wage_claimed_fen: wage } : {}),
      ...(region ? { region_code: region.code } : {}),
      ...(place ? { lat: place.lat, lng: place.lng, crs: 'wgs84' as const } : {}),
      ...(photos.length
        ? { attachments: photos.map((p) => refs.get(p.extra as string)).filter((r) => r !== undefined) }
        : {}),
    };
    setIsSending(true);
    try {
      setFiled(await fileCase(body, keyFor(body)));
    } catch (err) {
      const error = asApiError(err);
      if (error.code === 'network') Toast.show({ icon: 'fail', content: t('caseH5.offline'), duration: 4000 });
      else if (error.fields) {
        if (error.fields.otp) setIsCodeRefused(true);
        // The session ended while the form was open: ask who we are, and the phone and code show again.
        if (signedIn && (error.fields.phone || error.fields.otp)) void reloadSession();
        form.setFields(
          Object.entries(error.fields).map(([name, message]) => ({ name: fieldOf(name), errors: [message] })),
        );
        Toast.show({
          icon: 'fail',
          content: error.code === 'validation_failed' ? t('caseH5.fixFields') : error.message,
        });
      } else Toast.show({ icon: 'fail', content: describeError(error) });
    } finally {
      setIsSending(false);
    }
  }

  if (filed) return <CaseFiledResult filed={filed} />;

  const isHazard = kind === 'hazard_report';
  const subjects = kind ? (CASE_SUBJECTS[kind] as readonly CaseSubject[]) : [];
  return (
    <MobilePage title={t('caseH5.title')}>
      <div style={{ padding: '12px 16px 0', fontSize: 14, color: '#555', lineHeight: 1.6 }}>
        <p style={{ margin: 0 }} data-testid="m-case-intro">
          {t('caseH5.intro')}
        </p>
        <p style={{ margin: '6px 0 0' }}>
          <span>
            {t('caseH5.hotlineUrgent')} <HotlineLink testId="m-hotline" />
          </span>
          <Link to="/cases/track" style={{ float: 'right' }} data-testid="m-case-track-link">
            {t('caseH5.trackLink')}
          </Link>
        </p>
      </div>
      <Form
        form={form}
        layout="vertical"
        mode="card"
        initialValues={{ kind: [], subject: [], anonymous: false }}
        onValuesChange={(changed: Partial<Values>) => {
          // Another kind has other subjects: the chosen one no longer applies.
          if (changed.kind) form.setFieldValue('subject', []);
        }}
        onFinish={(v: Values) => void submit(v)}
        footer={
          <Button block type="submit" color="primary" size="large" loading={isSending} data-testid="m-case-submit">
            {t('caseH5.submit')}
          </Button>
        }
      >
        <Form.Item
          name="kind"
          label={t('caseH5.kind')}
          rules={[{ required: true, type: 'array', min: 1, message: t('caseH5.kindRequired') }]}
        >
          <Selector
            columns={3}
            options={PUBLIC_CASE_KINDS.map((k) => ({ value: k, label: CASE_KIND_LABELS[k].replace('安全隐患', '') }))}
            data-testid="m-case-kind"
          />
        </Form.Item>
        {kind && (
          <Form.Item
            name="subject"
            label={t('caseH5.subject')}
            rules={[{ required: true, type: 'array', min: 1, message: t('caseH5.subjectRequired') }]}
          >
            <Selector
              columns={3}
              options={subjects.map((s) => ({ value: s, label: CASE_SUBJECT_LABELS[s] }))}
              data-testid="m-case-subject"
            />
          </Form.Item>
        )}
        <Form.Item
          name="description"
          label={t('caseH5.description')}
          rules={[{ required: true, whitespace: true, message: t('caseH5.descriptionRequired') }]}
        >
          <TextArea
            placeholder={t('caseH5.descriptionPlaceholder')}
            maxLength={DESCRIPTION_MAX}
            showCount
            autoSize={{ minRows: 3, maxRows: 8 }}
            data-testid="m-case-description"
          />
        </Form.Item>
        {subject && WAGE_SUBJECTS.has(subject) && (
          <Form.Item
            name="wage_yuan"
            label={t('caseH5.wage')}
            rules={[
              {
                validator: async (_, v: string | undefined) => {
                  if (v?.trim() && yuanToFen(v) === null) throw new Error(t('caseH5.wageFormat'));
                },
              },
            ]}
          >
            <Input inputMode="decimal" maxLength={15} clearable placeholder="0.00" data-testid="m-case-wage" />
          </Form.Item>
        )}
        <Form.Item name="employer" label={t('caseH5.employer')}>
          <Input
            maxLength={100}
            clearable
            placeholder={t('caseH5.employerPlaceholder')}
            data-testid="m-case-employer"
          />
        </Form.Item>
        {!isHazard && (
          <Form.Item name="employer_uscc" label={t('caseH5.uscc')}>
            <Input maxLength={18} clearable placeholder={t('caseH5.usccPlaceholder')} data-testid="m-case-uscc" />
          </Form.Item>
        )}
        <Form.Item
          name="region_code"
          label={isHazard ? t('caseH5.regionHazard') : t('caseH5.region')}
          onClick={() => setRegionOpen(true)}
          arrow
          data-testid="m-case-region"
        >
          <span style={{ color: region ? '#333' : '#999' }}>{region ? region.full_name : t('caseH5.regionPick')}</span>
        </Form.Item>
        <Form.Item name="photos" label={t('caseH5.photos')}>
          <ImageUploader
            value={photos}
            onChange={(items) => {
              setPhotos(items);
              form.setFields([{ name: 'photos', errors: [] }]);
            }}
            upload={upload}
            maxCount={MAX_PHOTOS}
            multiple
            accept="image/*"
            beforeUpload={(file) => {
              if (file.size <= MAX_PHOTO_BYTES) return file;
              Toast.show(t('caseH5.photoTooBig'));
              return null;
            }}
            data-testid="m-case-photos"
          />
        </Form.Item>
        <Form.Item name="location" label={t('caseH5.location')}>
          {place ? (
            <span data-testid="m-case-located">
              {t('caseH5.located')}
              <Button size="mini" fill="none" color="primary" onClick={() => setPlace(null)}>
                {t('caseH5.locationClear')}
              </Button>
            </span>
          ) : (
            <Button size="small" loading={isLocating} onClick={locate} data-testid="m-case-locate">
              {t('caseH5.locate')}
            </Button>
          )}
        </Form.Item>
        <Form.Item
          name="anonymous"
          label={t('caseH5.anonymous')}
          valuePropName="checked"
          layout="horizontal"
          childElementPosition="right"
          description={anonymous ? t('caseH5.anonymousHint') : undefined}
        >
          <Switch data-testid="m-case-anonymous" />
        </Form.Item>
        {!anonymous && (
          <Form.Item
            name="name"
            label={t('caseH5.name')}
            rules={[{ required: true, whitespace: true, message: t('caseH5.nameRequired') }]}
          >
            <Input maxLength={40} autoComplete="name" clearable data-testid="m-case-name" />
          </Form.Item>
        )}
        {signedIn && (
          <Form.Item label={t('caseH5.phone')} description={t('caseH5.signedInHint')}>
            <span data-testid="m-case-signed-in">{signedIn.phone_masked}</span>
          </Form.Item>
        )}
        {showsPhone && <PhoneField placeholder={t('caseH5.phonePlaceholder')} testId="m-case-phone" />}
        {showsPhone && (
          <CodeField
            form={form}
            send={sendCaseOtp}
            onSent={() => setIsCodeRefused(false)}
            isCodeRefused={isCodeRefused}
            placeholder={t('caseH5.otpPlaceholder')}
            testIdPrefix="m-case"
          />
        )}
      </Form>
      <RegionSheet
        visible={regionOpen}
        start={[]}
        onClose={() => setRegionOpen(false)}
        onPick={(picked) => {
          setRegion({ code: picked.code, full_name: picked.full_name });
          form.setFields([{ name: 'region_code', errors: [] }]);
          setRegionOpen(false);
        }}
      />
    </MobilePage>
  );
}
