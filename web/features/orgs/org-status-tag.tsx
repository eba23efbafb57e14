import { Tag } from 'antd';
import { t } from './messages';
import type { OrgStatus } from './api';

export function OrgStatusTag({ status }: { status: OrgStatus }) {
  return status === 'active' ? <Tag color="success">{t('orgs.active')}</Tag> : <Tag>{t('orgs.inactive')}</Tag>;
}
