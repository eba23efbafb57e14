import { Tag } from 'antd';
import { t } from './messages';
import type { AccountStatus } from './api';

export function AccountStatusTag({ status }: { status: AccountStatus }) {
  return status === 'active' ? (
    <Tag color="success">{t('accounts.active')}</Tag>
  ) : (
    <Tag color="default">{t('accounts.disabled')}</Tag>
  );
}
