import { QrcodeOutlined } from '@ant-design/icons';
import { App, Button, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { describeError } from '../../lib/http';
import { useRequest } from '../../lib/use-request';
import { fetchJoinSettings, saveJoinSettings } from './review-api';
import { t } from './review-messages';

/**
 * On an org's detail page, for those who review its joins: how it takes joins (at once, or
 * reviewed) and the link to its printable QR poster.
 */
export function JoinOrgTools({ orgId, isPool }: { orgId: number; isPool: boolean }) {
  const { message } = App.useApp();
  const settings = useRequest(String(orgId), () => fetchJoinSettings(orgId));
  const [saving, setSaving] = useState(false);
  const s = settings.data?.org_id === orgId ? settings.data : null;
  if (!s) return null;

  async function save(autoApprove: boolean) {
    setSaving(true);
    try {
      settings.setData(await saveJoinSettings(orgId, autoApprove));
      message.success(t('settings.saved'));
    } catch (err) {
      message.error(describeError(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Space wrap style={{ marginTop: 16 }} data-testid="join-org-tools">
      <Typography.Text strong>{t('settings.title')}：</Typography.Text>
      {isPool ? (
        <Typography.Text type="secondary">{t('settings.pool')}</Typography.Text>
      ) : s.takes_members ? (
        <Radio.Group
          value={s.auto_approve}
          disabled={saving}
          onChange={(e) => void save(e.target.value as boolean)}
          optionType="button"
          options={[
            { value: true, label: t('settings.auto') },
            { value: false, label: t('settings.review') },
          ]}
          data-testid="join-settings"
        />
      ) : (
        <Typography.Text type="secondary">{t('settings.notTaking')}</Typography.Text>
      )}
      {s.takes_members && (
        <Link to={`/joins/poster/${orgId}`}>
          <Button icon={<QrcodeOutlined />} data-testid="join-poster-link">
            {t('poster.open')}
          </Button>
        </Link>
      )}
    </Space>
  );
}
