import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Form, Popconfirm, Select, Table, Typography, type TableColumnsType } from 'antd';
import { useFormSubmit } from '../../components/form-errors';
import { describeError } from '../../lib/http';
import { getLang } from '../../lib/i18n';
import { t } from './messages';
import { useRequest } from '../../lib/use-request';
import { OrgSelect } from '../orgs/org-select';
import { isPermission } from '../../../common/permissions';
import { hasPermission } from '../auth/permissions';
import { useSession } from '../auth/session';
import { addGrant, listRoles, removeGrant, type AccountDetail, type AccountGrant } from './api';

interface GrantValues {
  org_id: number;
  role_id: number;
}

/** The role's name in the console's language. */
function roleName(grant: AccountGrant): string {
  return getLang() === 'en' && grant.role_name_en ? grant.role_name_en : grant.role_name;
}

/**
 * A grant gives the account one role on one org and everything below it (DESIGN §4.6).
 * `canChange` is false where the server would refuse a change: an account held beyond the
 * caller's reach, or the caller's own.
 */
export function AccountGrants({
  account,
  canChange,
  onChanged,
}: {
  account: AccountDetail;
  canChange: boolean;
  onChanged: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<GrantValues>();
  const roles = useRequest('roles', listRoles);
  const { state } = useSession();
  const me = state.status === 'ready' && state.me?.kind === 'account' ? state.me : null;
  // Only roles the cadre could give (every permission held on one of its grants); the server
  // still checks against the chosen org.
  const grantable = (roles.data?.items ?? []).filter(
    (r) => !me || r.permissions.every((p) => isPermission(p) && hasPermission(me, p)),
  );
  const {
    submit: add,
    isSaving: isAdding,
    error,
  } = useFormSubmit(form, async (values: GrantValues) => {
    await addGrant(account.id, values);
    message.success(t('accounts.grantAdded'));
    form.resetFields();
    onChanged();
  });

  async function remove(grant: AccountGrant) {
    try {
      await removeGrant(account.id, grant.id);
      message.success(t('accounts.grantRemoved'));
      onChanged();
    } catch (err) {
      message.error(describeError(err));
    }
  }

  const columns: TableColumnsType<AccountGrant> = [
    { title: t('accounts.grantOrg'), dataIndex: 'org_name' },
    { title: t('accounts.role'), key: 'role', render: (_, grant) => roleName(grant) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, grant) => (
        <Popconfirm
          title={t('accounts.removeGrantTitle')}
          description={t('accounts.removeGrantBody', { org: grant.org_name, role: roleName(grant) })}
          okText={t('common.remove')}
          okButtonProps={{ danger: true }}
          onConfirm={() => remove(grant)}
        >
          <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.remove')} />
        </Popconfirm>
      ),
    },
  ];

  const isEnglish = getLang() === 'en';
  return (
    <section style={{ marginTop: 24 }} data-testid="account-grants">
      <Typography.Title level={5}>{t('accounts.grants')}</Typography.Title>
      <Table<AccountGrant>
        rowKey="id"
        size="small"
        columns={canChange ? columns : columns.filter((c) => c.key !== 'actions')}
        dataSource={account.grants}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('accounts.noGrants')} /> }}
      />
      {canChange && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('accounts.addGrant')}
          </Typography.Title>
          {roles.error && <Alert type="error" showIcon title={roles.error.message} style={{ marginBottom: 12 }} />}
          {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="vertical" onFinish={(v) => void add(v)}>
            <Form.Item
              name="org_id"
              label={t('accounts.grantOrg')}
              rules={[{ required: true, message: t('accounts.orgRequired') }]}
            >
              <OrgSelect activeOnly testId="grant-org" />
            </Form.Item>
            <Form.Item
              name="role_id"
              label={t('accounts.role')}
              rules={[{ required: true, message: t('accounts.roleRequired') }]}
            >
              <Select
                loading={roles.isLoading}
                placeholder={t('accounts.rolePlaceholder')}
                data-testid="grant-role"
                options={grantable.map((r) => ({ value: r.id, label: isEnglish && r.name_en ? r.name_en : r.name }))}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={isAdding} data-testid="grant-add">
              {t('accounts.addGrant')}
            </Button>
          </Form>
        </>
      )}
    </section>
  );
}
