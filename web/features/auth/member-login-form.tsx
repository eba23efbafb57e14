import { Button, Checkbox, Form, Input, Toast } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { asApiError, describeError } from '../../lib/http';
import { t } from './member-login-messages';
import { logInMember, sendLoginOtp, type Me } from './api';

// Mainland mobile numbers (CN): 11 digits, 1 then 3–9.
const MOBILE = /^1[3-9]\d{9}$/;
const RESEND_SECONDS = 60;

interface Values {
  phone: string;
  /** PIPL: the member agrees to the notice before the number leaves the phone. */
  consent: boolean;
  otp: string;
}

/** Members sign in on the H5 with their phone and a one-time code (DESIGN §4.6). */
export function MemberLoginForm({ onLoggedIn }: { onLoggedIn: (me: Me) => void }) {
  const [form] = Form.useForm<Values>();
  const [secondsLeft, setSecondsLeft] = useState(0);
  const [isSending, setIsSending] = useState(false);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const [devCode, setDevCode] = useState<string | null>(null);
  // A refused code may be used up (five wrong tries end it): the way on is a new one.
  const [isCodeRefused, setIsCodeRefused] = useState(false);
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined);

  useEffect(() => () => clearInterval(timer.current), []);

  function startCountdown(seconds: number) {
    clearInterval(timer.current);
    setSecondsLeft(seconds);
    timer.current = setInterval(() => {
      setSecondsLeft((s) => {
        if (s <= 1) clearInterval(timer.current);
        return Math.max(0, s - 1);
      });
    }, 1000);
  }

  async function sendCode() {
    try {
      await form.validateFields(['phone', 'consent']);
    } catch {
      return;
    }
    setIsSending(true);
    try {
      const sent = await sendLoginOtp(form.getFieldValue('phone') as string);
      startCountdown(RESEND_SECONDS);
      setDevCode(sent.dev_code ?? null);
      setIsCodeRefused(false);
      form.setFields([{ name: 'otp', value: '', errors: [] }]);
      Toast.show({
        content: sent.dev_code ? t('memberLogin.devCode', { code: sent.dev_code }) : t('memberLogin.codeSent'),
        duration: 3000,
      });
    } catch (err) {
      Toast.show({ icon: 'fail', content: describeError(err) });
    } finally {
      setIsSending(false);
    }
  }

  async function submit(values: Values) {
    setIsSubmitting(true);
    try {
      const { me } = await logInMember({ phone: values.phone, otp: values.otp.trim() });
      Toast.show({ icon: 'success', content: t('memberLogin.loggedIn') });
      onLoggedIn(me);
    } catch (err) {
      const error = asApiError(err);
      if (error.code === 'otp_invalid' || error.code === 'otp_exhausted') {
        setIsCodeRefused(true);
        form.setFields([
          {
            name: 'otp',
            errors: [t(error.code === 'otp_exhausted' ? 'memberLogin.otpSpentHint' : 'memberLogin.otpInvalidHint')],
          },
        ]);
      } else if (error.fields)
        form.setFields(Object.entries(error.fields).map(([name, message]) => ({ name, errors: [message] })));
      else Toast.show({ icon: 'fail', content: describeError(error) });
    } finally {
      setIsSubmitting(false);
    }
  }

  return (
    <Form
      form={form}
      layout="vertical"
      mode="card"
      onFinish={(v: Values) => void submit(v)}
      footer={
        <Button block type="submit" color="primary" size="large" loading={isSubmitting} data-testid="m-login-submit">
          {t('memberLogin.login')}
        </Button>
      }
    >
      <Form.Header>{t('memberLogin.phoneLogin')}</Form.Header>
      <Form.Item
        name="phone"
        label={t('memberLogin.phone')}
        rules={[
          { required: true, message: t('memberLogin.phoneRequired') },
          { pattern: MOBILE, message: t('memberLogin.phoneFormat') },
        ]}
      >
        <Input
          type="tel"
          inputMode="numeric"
          maxLength={11}
          clearable
          placeholder={t('memberLogin.phonePlaceholder')}
          autoComplete="tel"
          data-testid="m-phone"
        />
      </Form.Item>
      <Form.Item>
        <p data-testid="m-privacy-notice" style={{ margin: 0, fontSize: 13, lineHeight: 1.6, color: '#666' }}>
          {t('memberLogin.notice')}
          {t('memberLogin.noticeMore')}
          <Link to="/privacy" data-testid="m-privacy-link">
            {t('memberLogin.noticeLink')}
          </Link>
        </p>
      </Form.Item>
      <Form.Item
        name="consent"
        valuePropName="checked"
        initialValue={false}
        rules={[
          {
            validator: async (_, value: boolean) => {
              if (!value) throw new Error(t('memberLogin.consentRequired'));
            },
          },
        ]}
      >
        <Checkbox data-testid="m-consent" style={{ '--icon-size': '18px', '--font-size': '14px' }}>
          {t('memberLogin.consent')}
        </Checkbox>
      </Form.Item>
      <Form.Item
        name="otp"
        label={t('memberLogin.otp')}
        rules={[
          { required: true, message: t('memberLogin.otpRequired') },
          { pattern: /^\d{4,8}$/, message: t('memberLogin.otpFormat') },
        ]}
        extra={
          <Button
            size="small"
            color="primary"
            fill="none"
            disabled={secondsLeft > 0}
            loading={isSending}
            onClick={() => void sendCode()}
            data-testid="m-send-otp"
          >
            {secondsLeft > 0
              ? t('memberLogin.resendIn', { n: secondsLeft })
              : t(isCodeRefused ? 'memberLogin.resendCode' : 'memberLogin.sendCode')}
          </Button>
        }
        description={
          devCode ? <span data-testid="m-dev-code">{t('memberLogin.devCode', { code: devCode })}</span> : undefined
        }
      >
        <Input
          inputMode="numeric"
          maxLength={8}
          autoComplete="one-time-code"
          placeholder={t('memberLogin.otpPlaceholder')}
          data-testid="m-otp"
        />
      </Form.Item>
    </Form>
  );
}
