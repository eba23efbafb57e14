import { Button, Checkbox, Form, Toast } from 'antd-mobile';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { normaliseMobile } from '../../../common/phone';
import { asApiError, describeError } from '../../lib/http';
import { t } from './member-login-messages';
import { logInMember, sendLoginOtp, type Me, type OtpSent } from './api';
import { CodeField, PhoneField } from './phone-code-fields';

interface Values {
  phone: string;
  /** PIPL: the member agrees to the notice before the number leaves the phone. */
  consent: boolean;
  otp: string;
}

/** Members sign in on the H5 with their phone and a one-time code (DESIGN §4.6). */
export function MemberLoginForm({ onLoggedIn }: { onLoggedIn: (me: Me) => void }) {
  const [form] = Form.useForm<Values>();
  const [isSubmitting, setIsSubmitting] = useState(false);
  // A refused code may be used up (five wrong tries end it): the way on is a new one.
  const [isCodeRefused, setIsCodeRefused] = useState(false);

  function codeSent(sent: OtpSent) {
    setIsCodeRefused(false);
    form.setFields([{ name: 'otp', value: '', errors: [] }]);
    Toast.show({
      content: sent.dev_code ? t('phoneCode.devCode', { code: sent.dev_code }) : t('memberLogin.codeSent'),
      duration: 3000,
    });
  }

  async function submit(values: Values) {
    setIsSubmitting(true);
    try {
      const { me } = await logInMember({
        phone: normaliseMobile(values.phone) ?? values.phone,
        otp: values.otp.trim(),
      });
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
      <PhoneField placeholder={t('memberLogin.phonePlaceholder')} testId="m-phone" />
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
      <CodeField
        form={form}
        send={sendLoginOtp}
        checkFirst={['consent']}
        onSent={codeSent}
        isCodeRefused={isCodeRefused}
        placeholder={t('memberLogin.otpPlaceholder')}
        testIdPrefix="m"
      />
    </Form>
  );
}
