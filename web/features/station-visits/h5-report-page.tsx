import {
  Button,
  Form,
  ImageUploader,
  Input,
  Result,
  Selector,
  TextArea,
  Toast,
  type ImageUploadItem,
} from 'antd-mobile';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { PROBLEM_DESCRIPTION_MAX, PROBLEM_KINDS, type ProblemKind } from '../../../common/station-visits';
import { describeError } from '../../lib/http';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';
import { MobileLoadFailed, MobileLoading, MobilePage } from '../../m/mobile-page';
import { reportProblem, uploadProblemPhoto, type ProblemReported } from './api';
import { useStation } from './h5-station-name';
import { t } from './messages';

interface Values {
  kind: ProblemKind[];
  description: string;
  contact_phone?: string;
}

const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** 报告驿站问题: what is wrong, a few words, photos and a phone if the rider wishes; no sign-in needed. */
export function ReportPage() {
  const id = Number(useParams().id);
  const station = useStation(id);
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<ImageUploadItem[]>([]);
  // The upload's answer per photo: its id and, for a rider nobody signed in, the token that proves it is theirs.
  const [refs] = useState(() => new Map<string, { id: string; token?: string }>());
  const [done, setDone] = useState<ProblemReported | null>(null);
  const [isSending, setIsSending] = useState(false);
  const keyFor = useIdempotencyKey();
  const navigate = useNavigate();

  const upload = async (file: File): Promise<ImageUploadItem> => {
    let uploaded;
    try {
      uploaded = await uploadProblemPhoto(file);
    } catch (err) {
      Toast.show({ icon: 'fail', content: describeError(err) });
      throw err;
    }
    refs.set(uploaded.url, { id: uploaded.id, ...(uploaded.token ? { token: uploaded.token } : {}) });
    // The private file reads only with its token; the preview is the phone's own copy.
    return { url: URL.createObjectURL(file), extra: uploaded.url };
  };

  const submit = async (values: Values) => {
    const body = {
      kind: values.kind[0]!,
      description: values.description.trim(),
      ...(values.contact_phone?.trim() ? { contact_phone: values.contact_phone.trim() } : {}),
      ...(photos.length ? { photos: photos.map((p) => refs.get(p.extra as string)!).filter(Boolean) } : {}),
    };
    setIsSending(true);
    try {
      setDone(await reportProblem(id, body, keyFor(body)));
    } catch (err) {
      Toast.show({ icon: 'fail', content: describeError(err) });
    } finally {
      setIsSending(false);
    }
  };

  return (
    <MobilePage title={t('visits.reportTitle')}>
      {station.error && <MobileLoadFailed error={station.error} onRetry={station.reload} />}
      {!station.error && !station.name && <MobileLoading />}
      {station.name && (
        <div style={{ padding: '16px 16px 8px', background: '#fff', fontSize: 18, fontWeight: 600 }}>
          {station.name}
        </div>
      )}
      {station.name && done && (
        <div style={{ background: '#fff', marginTop: 12, paddingBottom: 16 }} data-testid="m-report-done">
          <Result status="success" title={t('visits.reported')} description={done.message} />
          <div style={{ padding: '0 16px' }}>
            <Button block fill="outline" onClick={() => navigate(`/stations/${id}/check-in`)}>
              {t('visits.backToCheckIn')}
            </Button>
          </div>
        </div>
      )}
      {station.name && !done && (
        <>
          <p style={{ margin: 0, padding: '12px 16px', color: '#666', fontSize: 14 }}>{t('visits.reportIntro')}</p>
          <Form
            form={form}
            onFinish={(v) => void submit(v)}
            footer={
              <Button
                block
                type="submit"
                color="primary"
                size="large"
                loading={isSending}
                data-testid="m-report-submit"
              >
                {t('visits.submitReport')}
              </Button>
            }
          >
            <Form.Item
              name="kind"
              label={t('visits.kind')}
              rules={[{ required: true, type: 'array', min: 1, message: t('visits.kindRequired') }]}
            >
              <Selector
                columns={1}
                options={Object.entries(PROBLEM_KINDS).map(([value, label]) => ({
                  value: value as ProblemKind,
                  label,
                }))}
                data-testid="m-report-kind"
              />
            </Form.Item>
            <Form.Item
              name="description"
              label={t('visits.description')}
              rules={[{ required: true, whitespace: true, message: t('visits.descriptionRequired') }]}
            >
              <TextArea
                placeholder={t('visits.descriptionPlaceholder')}
                maxLength={PROBLEM_DESCRIPTION_MAX}
                showCount
                rows={4}
                data-testid="m-report-description"
              />
            </Form.Item>
            <Form.Item label={t('visits.photos')}>
              <ImageUploader
                value={photos}
                onChange={setPhotos}
                upload={upload}
                maxCount={3}
                accept="image/*"
                beforeUpload={(file) => {
                  if (file.size <= MAX_PHOTO_BYTES) return file;
                  Toast.show(t('visits.photoTooBig'));
                  return null;
                }}
                data-testid="m-report-photos"
              />
            </Form.Item>
            <Form.Item name="contact_phone" label={t('visits.contactPhone')} help={t('visits.contactPhoneHint')}>
              <Input type="tel" maxLength={20} clearable data-testid="m-report-phone" />
            </Form.Item>
          </Form>
        </>
      )}
    </MobilePage>
  );
}
