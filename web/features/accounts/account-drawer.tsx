import {
  KeyOutlined,
  LockOutlined,
  MobileOutlined,
  StopOutlined,
  UndoOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Drawer, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { formatDateTime } from '../../lib/format';
import { describeError } from '../../lib/http';
import { t } from './messages';
import { useRequest } from '../../lib/use-request';
import type { AccountMe } from '../auth/api';
import { ChangePasswordModal } from '../auth/change-password-modal';
import { fetchAccount, unlockAccount, updateAccount, type AccountDetail } from './api';
import { AccountGrants } from './account-grants';
import { AccountStatusTag } from './account-status-tag';
import { ResetPasswordModal } from './reset-password-modal';
import { ResetTotpModal } from './reset-totp-modal';

export function AccountDrawer({
  me,
  accountId,
  onClose,
  onChanged,
}: {
  me: AccountMe;
  accountId: number;
  onClose: () => void;
  /** Something the list shows changed (name, status, grant count). */
  onChanged: () => void;
}) {
  const { message, modal } = App.useApp();
  const detail = useRequest(String(accountId), () => fetchAccount(accountId));
  const [isResetting, setIsResetting] = useState(false);
  const [isResettingTotp, setIsResettingTotp] = useState(false);
  const [isChangingOwnPassword, setIsChangingOwnPassword] = useState(false);
  const account = detail.data?.id === accountId ? detail.data : null;
  // One's own account is not disabled, reset or re-granted from here (the server refuses it: a
  // second administrator does that); its password is changed with the current one instead.
  const isSelf = account?.id === me.id;
  const canManage = !!account?.can_manage && !isSelf;

  async function save(input: Parameters<typeof updateAccount>[1]) {
    try {
      detail.setData(await updateAccount(accountId, input));
      message.success(t('common.saved'));
      onChanged();
    } catch (err) {
      message.error(describeError(err));
    }
  }

  async function unlock() {
    try {
      detail.setData(await unlockAccount(accountId));
      message.success(t('accounts.unlocked'));
    } catch (err) {
      message.error(describeError(err));
    }
  }

  function toggleStatus(current: AccountDetail) {
    const disabling = current.status === 'active';
    modal.confirm({
      title: t(disabling ? 'accounts.disableTitle' : 'accounts.enableTitle', { name: current.display_name }),
      content: t(disabling ? 'accounts.disableBody' : 'accounts.enableBody'),
      okText: t(disabling ? 'accounts.disable' : 'accounts.enable'),
      okButtonProps: { danger: disabling },
      onOk: () => save({ status: disabling ? 'disabled' : 'active' }),
    });
  }

  return (
    <Drawer
      open
      size="min(640px, 100vw)"
      title={account?.display_name ?? t('common.details')}
      onClose={onClose}
      destroyOnHidden
      data-testid="account-drawer"
    >
      <ErrorAlert error={detail.error} onRetry={detail.reload} />
      {!account && !detail.error && <Skeleton active paragraph={{ rows: 6 }} />}
      {account && (
        <>
          {isSelf && (
            <Alert
              type="info"
              showIcon
              title={t('accounts.selfNote')}
              action={
                <Button size="small" icon={<LockOutlined />} onClick={() => setIsChangingOwnPassword(true)}>
                  {t('accounts.changeOwnPassword')}
                </Button>
              }
              style={{ marginBottom: 16 }}
              data-testid="account-self"
            />
          )}
          {!isSelf && !account.can_manage && (
            <Alert
              type="info"
              showIcon
              title={t('accounts.notManageable')}
              style={{ marginBottom: 16 }}
              data-testid="account-not-manageable"
            />
          )}
          {canManage && (
            <Space wrap style={{ marginBottom: 16 }}>
              <Button icon={<KeyOutlined />} onClick={() => setIsResetting(true)} data-testid="account-reset-password">
                {t('accounts.resetPassword')}
              </Button>
              {account.is_locked && (
                <Button icon={<UnlockOutlined />} onClick={() => void unlock()} data-testid="account-unlock">
                  {t('accounts.unlock')}
                </Button>
              )}
              {account.totp_enabled && (
                <Button
                  icon={<MobileOutlined />}
                  onClick={() => setIsResettingTotp(true)}
                  data-testid="account-reset-totp"
                >
                  {t('accounts.resetTotp')}
                </Button>
              )}
              <Button
                danger={account.status === 'active'}
                icon={account.status === 'active' ? <StopOutlined /> : <UndoOutlined />}
                onClick={() => toggleStatus(account)}
                data-testid="account-toggle-status"
              >
                {t(account.status === 'active' ? 'accounts.disable' : 'accounts.enable')}
              </Button>
            </Space>
          )}
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'username', label: t('accounts.username'), children: account.username },
              {
                key: 'display_name',
                label: t('accounts.displayName'),
                children: (
                  <Typography.Text
                    editable={
                      account.can_manage && {
                        onChange: (value) => {
                          const name = value.trim();
                          if (name && name !== account.display_name) void save({ display_name: name });
                        },
                      }
                    }
                  >
                    {account.display_name}
                  </Typography.Text>
                ),
              },
              { key: 'org', label: t('accounts.org'), children: account.org_name },
              { key: 'status', label: t('accounts.status'), children: <AccountStatusTag status={account.status} /> },
              {
                key: 'security',
                label: t('accounts.security'),
                children: (
                  <Space wrap>
                    {account.totp_enabled ? (
                      <Tag color="blue">{t('accounts.totpStateOn')}</Tag>
                    ) : (
                      <Tag>{t('accounts.totpStateOff')}</Tag>
                    )}
                    {account.must_change_password && <Tag color="orange">{t('accounts.mustChangePassword')}</Tag>}
                    {account.is_locked && (
                      <Tag color="red" data-testid="account-locked-tag">
                        {t('accounts.locked')}
                      </Tag>
                    )}
                  </Space>
                ),
              },
              { key: 'last_login_at', label: t('accounts.lastLogin'), children: formatDateTime(account.last_login_at) },
              { key: 'created_at', label: t('accounts.createdAt'), children: formatDateTime(account.created_at) },
            ]}
          />
          <AccountGrants
            account={account}
            canChange={canManage}
            onChanged={() => {
              detail.reload();
              onChanged();
            }}
          />
          {isResettingTotp && (
            <ResetTotpModal
              account={account}
              onClose={() => setIsResettingTotp(false)}
              onDone={() => {
                setIsResettingTotp(false);
                detail.reload();
                onChanged();
              }}
            />
          )}
          {isChangingOwnPassword && <ChangePasswordModal me={me} onClose={() => setIsChangingOwnPassword(false)} />}
          {isResetting && (
            <ResetPasswordModal
              account={account}
              onClose={() => setIsResetting(false)}
              onDone={() => {
                setIsResetting(false);
                detail.reload();
              }}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
