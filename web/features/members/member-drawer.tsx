import { Button, Descriptions, Drawer, Form, Input, Modal, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { HARDSHIP_LEVELS, MEMBER_STATUSES, OCCUPATIONS } from '../../../common/members';
import { ErrorAlert } from '../../components/error-alert';
import { MemberTransfers } from '../transfers/member-transfers';
import { asApiError, type ApiError } from '../../lib/http';
import { fetchMember, unmaskMember, type MemberProfile, type UnmaskResult } from './api';
import { HonourList, MemberActions, MemberHistoryList } from './member-actions';
import { t } from './messages';

/** The member profile (一人一档), masked; the full numbers once, for a reason, when the account may. */
export function MemberDrawer({
  id,
  canUnmask,
  canManage,
  onClose,
  onChanged,
}: {
  id: number;
  canUnmask: boolean;
  /** Whether the account holds members.manage somewhere (the server decides for this member: 403 otherwise). */
  canManage: boolean;
  onClose: () => void;
  /** After an edit, so the list can show the new values. */
  onChanged?: () => void;
}) {
  const [member, setMember] = useState<MemberProfile | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [isAsking, setIsAsking] = useState(false);
  const [shown, setShown] = useState<UnmaskResult | null>(null);
  useEffect(() => {
    fetchMember(id).then(setMember, (err: unknown) => setError(asApiError(err)));
  }, [id]);
  const changed = (m: MemberProfile) => {
    setMember(m);
    onChanged?.();
  };

  return (
    <Drawer open width={560} title={t('members.profile')} onClose={onClose} data-testid="member-drawer">
      <ErrorAlert error={error} />
      {!member && !error && <Skeleton active />}
      {member && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('members.memberNo')}>{member.member_no}</Descriptions.Item>
            <Descriptions.Item label={t('members.name')}>{member.name_masked}</Descriptions.Item>
            <Descriptions.Item label={t('members.idNumber')}>{shown?.id_number ?? member.id_masked}</Descriptions.Item>
            <Descriptions.Item label={t('members.phone')}>
              {shown?.phone ?? member.phone_masked ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('members.gender')}>
              {member.gender === 'M' ? t('members.genderM') : t('members.genderF')} · {member.birth_year}
            </Descriptions.Item>
            <Descriptions.Item label={t('members.org')}>{member.org_name}</Descriptions.Item>
            <Descriptions.Item label={t('members.occupation')}>{OCCUPATIONS[member.occupation]}</Descriptions.Item>
            <Descriptions.Item label={t('members.platform')}>{member.platform ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('members.employer')}>{member.employer ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('members.status')}>{MEMBER_STATUSES[member.status]}</Descriptions.Item>
            <Descriptions.Item label={t('members.joinedOn')}>{member.joined_on}</Descriptions.Item>
            <Descriptions.Item label={t('members.hardship')}>
              {member.hardship_level ? HARDSHIP_LEVELS[member.hardship_level] : '—'}
            </Descriptions.Item>
            {member.lapsed_on && (
              <Descriptions.Item label={t('members.lapsedOn')}>{member.lapsed_on}</Descriptions.Item>
            )}
          </Descriptions>
          {canManage && <MemberActions member={member} onChanged={changed} />}
          {shown && <Typography.Text type="warning">{t('members.unmaskShown')}</Typography.Text>}
          {canUnmask && !shown && (
            <Button style={{ marginTop: 12 }} onClick={() => setIsAsking(true)} data-testid="member-unmask">
              {t('members.unmask')}
            </Button>
          )}
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('members.honours')}
          </Typography.Title>
          <HonourList member={member} canManage={canManage} onChanged={changed} />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('members.history')}
          </Typography.Title>
          <MemberHistoryList member={member} />
          <MemberTransfers
            memberId={member.id}
            history={member.transfers}
            canStart={canManage && member.status === 'active'}
            onChanged={() => fetchMember(id).then(changed, (err: unknown) => setError(asApiError(err)))}
          />
        </>
      )}
      {isAsking && (
        <UnmaskModal
          id={id}
          onClose={() => setIsAsking(false)}
          onShown={(r) => {
            setShown(r);
            setIsAsking(false);
          }}
        />
      )}
    </Drawer>
  );
}

function UnmaskModal({
  id,
  onClose,
  onShown,
}: {
  id: number;
  onClose: () => void;
  onShown: (r: UnmaskResult) => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<ApiError | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const submit = async ({ reason }: { reason: string }) => {
    setIsSaving(true);
    setError(null);
    try {
      onShown(await unmaskMember(id, { reason: reason.trim(), fields: ['id_number', 'phone'] }));
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setIsSaving(false);
    }
  };
  return (
    <Modal open title={t('members.unmask')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={isSaving}>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label={t('members.unmaskReason')}
          extra={t('members.unmaskReasonHint')}
          rules={[{ required: true, min: 4, max: 200, whitespace: true, message: t('members.unmaskReasonHint') }]}
        >
          <Input.TextArea rows={3} maxLength={200} data-testid="member-unmask-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
