import { Button, Form, Input, Toast } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import { normaliseMobile } from '../../../common/phone';
import { describeError } from '../../lib/http';
import type { OtpSent } from './api';
import { t } from './member-login-messages';

const RESEND_SECONDS = 60;

/** The form the fields are in (antd-mobile does not export its type from the package root). */
type FormInstance = ReturnType<typeof Form.useForm>[0];

/**
 * The H5's mobile number, as the form field `phone`: a mainland mobile, typed with or without
 * spaces, dashes, full-width digits or +86 (`normaliseMobile` decides, and callers send what it
 * returns). Sign-in, 码上入会 and its 入会进度 ask for it this one way.
 */
export function PhoneField({ placeholder, testId }: { placeholder?: string; testId: string }) {
  return (
    <Form.Item
      name="phone"
      label={t('phoneCode.phone')}
      rules={[
        { required: true, message: t('phoneCode.phoneRequired') },
        {
          validator: async (_, v: string | undefined) => {
            if (v && !normaliseMobile(v)) throw new Error(t('phoneCode.phoneFormat'));
          },
        },
      ]}
    >
      <Input
        type="tel"
        inputMode="numeric"
        maxLength={13}
        clearable
        autoComplete="tel"
        placeholder={placeholder}
        data-testid={testId}
      />
    </Form.Item>
  );
}

/**
 * The one-time code, as the form field `otp`, with its send button: the number (PhoneField) and
 * `checkFirst` are checked, the code is sent, and the button counts down RESEND_SECONDS before it
 * offers another. The demo shows the code under the field. A failed send is a toast: what was typed
 * stays. Test ids: `${testIdPrefix}-otp`, `-send-otp`, `-dev-code`.
 */
export function CodeField({
  form,
  send,
  checkFirst = [],
  onSent,
  isCodeRefused = false,
  placeholder,
  testIdPrefix,
}: {
  form: FormInstance;
  /** Sends a code to the number, as normaliseMobile gives it. */
  send: (phone: string) => Promise<OtpSent>;
  /** Other fields to be valid before a code leaves (the sign-in's consent). */
  checkFirst?: string[];
  onSent?: (sent: OtpSent) => void;
  /** The last code was refused (wrong, or used up): the button offers a new one. */
  isCodeRefused?: boolean;
  placeholder: string;
  testIdPrefix: string;
}) {
  const [secondsLeft, setSecondsLeft] = useState(0);
  const [isSending, setIsSending] = useState(false);
  const [devCode, setDevCode] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined);

  useEffect(() => () => clearInterval(timer.current), []);

  function startCountdown() {
    clearInterval(timer.current);
    setSecondsLeft(RESEND_SECONDS);
    timer.current = setInterval(() => {
      setSecondsLeft((s) => {
        if (s <= 1) clearInterval(timer.current);
        return Math.max(0, s - 1);
      });
    }, 1000);
  }

  async function sendCode() {
    try {
      await form.validateFields(['phone', ...checkFirst]);
    } catch {
      return;
    }
    setIsSending(true);
    try {
      const phone = form.getFieldValue('phone') as string;
      const sent = await send(normaliseMobile(phone) ?? phone);
      startCountdown();
      setDevCode(sent.dev_code ?? null);
      onSent?.(sent);
    } catch (err) {
      Toast.show({ icon: 'fail', content: describeError(err) });
    } finally {
      setIsSending(false);
    }
  }

  return (
    <Form.Item
      name="otp"
      label={t('phoneCode.otp')}
      rules={[
        { required: true, message: t('phoneCode.otpRequired') },
        {
          validator: async (_, v: string | undefined) => {
            if (v?.trim() && !/^\d{4,8}$/.test(v.trim())) throw new Error(t('phoneCode.otpFormat'));
          },
        },
      ]}
      extra={
        <Button
          size="small"
          color="primary"
          fill="none"
          disabled={secondsLeft > 0}
          loading={isSending}
          onClick={() => void sendCode()}
          data-testid={`${testIdPrefix}-send-otp`}
        >
          {secondsLeft > 0
            ? t('phoneCode.resendIn', { n: secondsLeft })
            : t(isCodeRefused ? 'phoneCode.resendCode' : 'phoneCode.sendCode')}
        </Button>
      }
      description={
        devCode ? (
          <span data-testid={`${testIdPrefix}-dev-code`}>{t('phoneCode.devCode', { code: devCode })}</span>
        ) : undefined
      }
    >
      <Input
        inputMode="numeric"
        maxLength={8}
        autoComplete="one-time-code"
        placeholder={placeholder}
        data-testid={`${testIdPrefix}-otp`}
      />
    </Form.Item>
  );
}
