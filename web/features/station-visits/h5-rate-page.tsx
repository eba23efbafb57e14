import { Button, Form, Rate, TextArea, Toast } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { REVIEW_COMMENT_MAX } from '../../../common/station-visits';
import { asApiError, describeError, type ApiError } from '../../lib/http';
import { MobileLoadFailed, MobileLoading, MobilePage } from '../../m/mobile-page';
import { MemberLoginForm } from '../auth/member-login-form';
import { fetchMyReview, rateStation, type MyReview } from './api';
import { useStation } from './h5-station-name';
import { t } from './messages';

type State =
  | { status: 'loading' }
  | { status: 'signed_out' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; review: MyReview | null };

/** 评价驿站: a signed-in worker's one rating of the station, shown again to change it. */
export function RatePage() {
  const id = Number(useParams().id);
  const station = useStation(id);
  const [state, setState] = useState<State>({ status: 'loading' });
  const load = useCallback(async () => {
    try {
      setState({ status: 'ready', review: (await fetchMyReview(id)).review });
    } catch (err) {
      const error = asApiError(err);
      setState(error.status === 401 ? { status: 'signed_out' } : { status: 'error', error });
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <MobilePage title={t('visits.rateTitle')}>
      {station.name && (
        <div style={{ padding: '16px 16px 8px', background: '#fff', fontSize: 18, fontWeight: 600 }}>
          {station.name}
        </div>
      )}
      {state.status === 'loading' && <MobileLoading />}
      {state.status === 'error' && <MobileLoadFailed error={state.error} onRetry={() => void load()} />}
      {state.status === 'signed_out' && (
        <>
          <p style={{ margin: 0, padding: '12px 16px', color: '#666' }}>{t('visits.signInToRate')}</p>
          <MemberLoginForm onLoggedIn={() => void load()} />
        </>
      )}
      {state.status === 'ready' && (
        <RateForm id={id} review={state.review} onSaved={(review) => setState({ status: 'ready', review })} />
      )}
    </MobilePage>
  );
}

function RateForm({
  id,
  review,
  onSaved,
}: {
  id: number;
  review: MyReview | null;
  onSaved: (r: MyReview | null) => void;
}) {
  const [form] = Form.useForm<{ rating: number; comment?: string }>();
  const [isSaving, setIsSaving] = useState(false);
  const submit = async (values: { rating: number; comment?: string }) => {
    setIsSaving(true);
    try {
      const saved = await rateStation(id, {
        rating: values.rating,
        ...(values.comment?.trim() ? { comment: values.comment.trim() } : {}),
        ...(review ? { version: review.version } : {}),
      });
      Toast.show({ icon: 'success', content: t('visits.rated') });
      onSaved(saved.review);
    } catch (err) {
      Toast.show({ icon: 'fail', content: describeError(err) });
    } finally {
      setIsSaving(false);
    }
  };
  return (
    <>
      <p style={{ margin: 0, padding: '12px 16px', color: '#666', fontSize: 14, lineHeight: 1.6 }}>
        {t('visits.rateIntro')}
      </p>
      <Form
        form={form}
        initialValues={{ rating: review?.rating ?? 0, comment: review?.comment ?? '' }}
        onFinish={(v) => void submit(v)}
        footer={
          <Button block type="submit" color="primary" size="large" loading={isSaving} data-testid="m-rate-submit">
            {review ? t('visits.updateRating') : t('visits.submitRating')}
          </Button>
        }
      >
        <Form.Item
          name="rating"
          label={t('visits.rating')}
          rules={[
            {
              validator: (_, v: number) =>
                v >= 1 ? Promise.resolve() : Promise.reject(new Error(t('visits.ratingRequired'))),
            },
          ]}
        >
          <Rate style={{ '--star-size': '32px' }} data-testid="m-rate-stars" />
        </Form.Item>
        <Form.Item name="comment" label={t('visits.comment')} help={t('visits.commentHint')}>
          <TextArea maxLength={REVIEW_COMMENT_MAX} showCount rows={4} data-testid="m-rate-comment" />
        </Form.Item>
      </Form>
    </>
  );
}
