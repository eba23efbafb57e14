import { Button, Form, Result, Selector, Toast } from 'antd-mobile';
import { useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { OCCUPATIONS, type Occupation } from '../../../common/members';
import { formatDateTime } from '../../lib/format';
import { describeError, newIdempotencyKey } from '../../lib/http';
import { MobileLoadFailed, MobileLoading, MobilePage } from '../../m/mobile-page';
import { checkIn, type CheckInAnswer } from './api';
import { useStation } from './h5-station-name';
import { t } from './messages';
import { visitorToken } from './visitor-token';

const OCCUPATION_KEY = 'gh_station_occupation';

function lastOccupation(): Occupation[] {
  try {
    const kept = window.localStorage.getItem(OCCUPATION_KEY);
    return kept && kept in OCCUPATIONS ? [kept as Occupation] : [];
  } catch {
    return [];
  }
}

/** 驿站打卡 (the station's QR poster opens it): the station, the occupation, one big button, and the answer. */
export function CheckInPage() {
  const id = Number(useParams().id);
  const station = useStation(id);
  const [answer, setAnswer] = useState<CheckInAnswer | null>(null);
  const [isSending, setIsSending] = useState(false);
  // One key per tap of 打卡, kept only while that tap is retried: a later tap is a new check-in.
  const pending = useRef<{ body: string; key: string } | null>(null);
  const [form] = Form.useForm<{ occupation: Occupation[] }>();

  const submit = async ({ occupation }: { occupation: Occupation[] }) => {
    const body = { occupation: occupation[0]!, visitor_token: visitorToken() };
    setIsSending(true);
    try {
      const text = JSON.stringify(body);
      if (pending.current?.body !== text) pending.current = { body: text, key: newIdempotencyKey() };
      setAnswer(await checkIn(id, body, pending.current.key));
      pending.current = null;
      try {
        window.localStorage.setItem(OCCUPATION_KEY, body.occupation);
      } catch {
        // Not remembered: the picker starts empty next time.
      }
    } catch (err) {
      Toast.show({ icon: 'fail', content: describeError(err) });
    } finally {
      setIsSending(false);
    }
  };

  return (
    <MobilePage title={t('visits.checkInTitle')}>
      {station.error && <MobileLoadFailed error={station.error} onRetry={station.reload} />}
      {!station.error && !station.name && <MobileLoading />}
      {station.name && (
        <>
          <div style={{ padding: '16px 16px 8px', background: '#fff' }}>
            <div style={{ fontSize: 20, fontWeight: 600 }} data-testid="m-check-in-station">
              {station.name}
            </div>
            <div style={{ color: '#999', fontSize: 13, marginTop: 4 }}>{station.address}</div>
          </div>
          {answer ? (
            <CheckInResult id={id} answer={answer} onAgain={() => setAnswer(null)} />
          ) : (
            <>
              <p style={{ margin: 0, padding: '12px 16px', color: '#666', fontSize: 14, lineHeight: 1.6 }}>
                {t('visits.checkInIntro')}
              </p>
              <Form
                form={form}
                initialValues={{ occupation: lastOccupation() }}
                onFinish={(v) => void submit(v)}
                footer={
                  <Button
                    block
                    type="submit"
                    color="primary"
                    size="large"
                    loading={isSending}
                    style={{ height: 64, fontSize: 22, borderRadius: 32 }}
                    data-testid="m-check-in-submit"
                  >
                    {t('visits.checkInButton')}
                  </Button>
                }
              >
                <Form.Item
                  name="occupation"
                  label={t('visits.occupation')}
                  rules={[{ required: true, type: 'array', min: 1, message: t('visits.occupationRequired') }]}
                >
                  <Selector
                    columns={2}
                    options={Object.entries(OCCUPATIONS).map(([value, label]) => ({
                      value: value as Occupation,
                      label,
                    }))}
                    data-testid="m-check-in-occupation"
                  />
                </Form.Item>
              </Form>
            </>
          )}
        </>
      )}
    </MobilePage>
  );
}

function CheckInResult({ id, answer, onAgain }: { id: number; answer: CheckInAnswer; onAgain: () => void }) {
  const navigate = useNavigate();
  const at = formatDateTime(answer.visited_at).slice(11);
  return (
    <div style={{ background: '#fff', marginTop: 12, paddingBottom: 16 }} data-testid="m-check-in-result">
      <Result
        status={answer.counted ? 'success' : 'info'}
        title={answer.counted ? t('visits.counted') : t('visits.notCounted')}
        description={
          answer.counted
            ? t('visits.countedAt', { time: at })
            : `${answer.message}（${t('visits.lastAt', { time: at })}）`
        }
      />
      <div style={{ display: 'flex', flexDirection: 'column', gap: 12, padding: '0 16px' }}>
        <Button block color="primary" fill="outline" onClick={() => navigate(`/stations/${id}/rate`)}>
          {t('visits.thenRate')}
        </Button>
        <Button
          block
          color="warning"
          fill="outline"
          onClick={() => navigate(`/stations/${id}/report`)}
          data-testid="m-check-in-report"
        >
          {t('visits.thenReport')}
        </Button>
        <Button block fill="none" onClick={onAgain} data-testid="m-check-in-back">
          {t('visits.backToCheckIn')}
        </Button>
      </div>
    </div>
  );
}
