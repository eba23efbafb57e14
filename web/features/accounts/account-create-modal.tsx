import { Alert, Button, Form, Input, Modal, Space } from 'antd';
import { useFormSubmit } from '../../components/form-errors';
import { useConfig } from '../../lib/config';
import { t } from './messages';
import { generatePassword, passwordRules } from '../auth/password-rules';
import { OrgSelect, type OrgOption } from '../orgs/org-select';
import { createAccount, type AccountDetail } from './api';

interface Values {
  org_id: number;
  username: string;
  display_name: string;
  password: string;
}

// The server's rule: a letter or digit first, then 2–39 of letters, digits, _ . -
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{2,39}$/;

export function AccountCreateModal({
  defaultOrg,
  onClose,
  onCreated,
}: {
  defaultOrg?: OrgOption;
  onClose: () => void;
  onCreated: (account: AccountDetail) => void;
}) {
  const [form] = Form.useForm<Values>();
  const profile = useConfig()?.password_profile ?? 'mlps3';
  const { submit, isSaving, error } = useFormSubmit(form, async (values: Values) => {
    onCreated(
      await createAccount({ ...values, username: values.username.trim(), display_name: values.display_name.trim() }),
    );
  });

  return (
    <Modal
      open
      title={t('accounts.create')}
      okText={t('common.create')}
      onOk={() => form.submit()}
      confirmLoading={isSaving}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ org_id: defaultOrg?.value }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="org_id"
          label={t('accounts.org')}
          rules={[{ required: true, message: t('accounts.orgRequired') }]}
        >
          <OrgSelect activeOnly initialOption={defaultOrg} />
        </Form.Item>
        <Form.Item
          name="username"
          label={t('accounts.username')}
          rules={[
            { required: true, message: t('accounts.usernameRequired') },
            { pattern: USERNAME, message: t('accounts.usernameFormat') },
          ]}
        >
          <Input autoComplete="off" data-testid="account-form-username" />
        </Form.Item>
        <Form.Item
          name="display_name"
          label={t('accounts.displayName')}
          rules={[{ required: true, whitespace: true, message: t('accounts.displayNameRequired') }, { max: 40 }]}
        >
          <Input data-testid="account-form-display-name" />
        </Form.Item>
        <Form.Item label={t('accounts.initialPassword')} extra={t('accounts.initialPasswordHint')} required>
          <Space.Compact block>
            <Form.Item
              name="password"
              noStyle
              rules={passwordRules(profile, () => form.getFieldValue('username') as string | undefined)}
            >
              <Input.Password autoComplete="new-password" data-testid="account-form-password" />
            </Form.Item>
            <Button onClick={() => form.setFieldsValue({ password: generatePassword() })}>
              {t('accounts.generate')}
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>
    </Modal>
  );
}
