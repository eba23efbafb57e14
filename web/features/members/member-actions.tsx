import { UploadOutlined } from '@ant-design/icons';
import {
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Select,
  Space,
  Timeline,
  Typography,
  Upload,
  type ButtonProps,
  type UploadFile,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { HONOUR_KINDS, HONOUR_LEVELS, type HonourKind, type HonourLevel } from '../../../common/members';
import { ErrorAlert } from '../../components/error-alert';
import { useFormSubmit } from '../../components/form-errors';
import { formatDateTime } from '../../lib/format';
import { asApiError, type ApiError } from '../../lib/http';
import {
  addHonour,
  fetchMemberHistory,
  lapseMember,
  removeHonour,
  uploadMemberFiles,
  type MemberHistory,
  type MemberProfile,
} from './api';
import { MemberFormModal } from './member-form-modal';
import { t } from './messages';

const filesOf = (list: UploadFile[]) => list.flatMap((f) => (f.originFileObj ? [f.originFileObj as File] : []));

/** What a cadre with members.manage does on a profile: edit, record an honour, end the membership. */
export function MemberActions({ member, onChanged }: { member: MemberProfile; onChanged: (m: MemberProfile) => void }) {
  const [open, setOpen] = useState<'edit' | 'honour' | 'lapse' | null>(null);
  const close = () => setOpen(null);
  const saved = (m: MemberProfile) => {
    setOpen(null);
    onChanged(m);
  };
  const isLapsed = member.status === 'lapsed';
  return (
    <>
      <Space wrap style={{ marginTop: 12 }}>
        <Button onClick={() => setOpen('edit')} disabled={isLapsed} data-testid="member-edit">
          {t('members.edit')}
        </Button>
        <Button onClick={() => setOpen('honour')} data-testid="member-add-honour">
          {t('members.addHonour')}
        </Button>
        <Button
          danger
          onClick={() => setOpen('lapse')}
          disabled={isLapsed || member.status === 'transferring'}
          data-testid="member-lapse"
        >
          {t('members.lapse')}
        </Button>
      </Space>
      {open === 'edit' && <MemberFormModal mode={{ kind: 'edit', member }} onClose={close} onSaved={saved} />}
      {open === 'honour' && <HonourModal member={member} onClose={close} onSaved={saved} />}
      {open === 'lapse' && <LapseModal member={member} onClose={close} onSaved={saved} />}
    </>
  );
}

interface HonourValues {
  kind: HonourKind;
  level: HonourLevel;
  year: number;
  title?: string;
  awarded_by?: string;
}

function HonourModal({
  member,
  onClose,
  onSaved,
}: {
  member: MemberProfile;
  onClose: () => void;
  onSaved: (m: MemberProfile) => void;
}) {
  const [form] = Form.useForm<HonourValues>();
  const [scans, setScans] = useState<UploadFile[]>([]);
  const { submit, isSaving, error } = useFormSubmit(form, async (v: HonourValues) => {
    const files = filesOf(scans);
    const certificates = files.length ? await uploadMemberFiles('members.honour_certificate', files) : [];
    onSaved(
      await addHonour(member.id, {
        kind: v.kind,
        level: v.level,
        year: v.year,
        title: v.title?.trim() || null,
        awarded_by: v.awarded_by?.trim() || null,
        certificates,
      }),
    );
  });
  return (
    <Modal
      open
      title={t('members.addHonour')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={isSaving}
      okButtonProps={{ 'data-testid': 'honour-save' } as ButtonProps}
    >
      <ErrorAlert error={error} />
      <Form<HonourValues> form={form} layout="vertical" onFinish={submit} initialValues={{ year: dayjs().year() }}>
        <Form.Item
          name="kind"
          label={t('members.honourKind')}
          rules={[{ required: true, message: t('members.honourKind') }]}
        >
          <Select
            options={Object.entries(HONOUR_KINDS).map(([value, label]) => ({ value, label }))}
            showSearch
            optionFilterProp="label"
            data-testid="honour-kind"
          />
        </Form.Item>
        <Form.Item
          name="level"
          label={t('members.honourLevel')}
          rules={[{ required: true, message: t('members.honourLevel') }]}
        >
          <Select
            options={Object.entries(HONOUR_LEVELS).map(([value, label]) => ({ value, label }))}
            showSearch
            optionFilterProp="label"
            data-testid="honour-level"
          />
        </Form.Item>
        <Form.Item name="year" label={t('members.honourYear')} rules={[{ required: true }]}>
          <InputNumber min={1950} max={dayjs().year()} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="title" label={t('members.honourTitle')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="awarded_by" label={t('members.honourAwardedBy')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t('members.certificates')} extra={t('members.certificatesHint')}>
          <Upload
            multiple
            maxCount={5}
            accept="image/*,application/pdf"
            fileList={scans}
            beforeUpload={() => false}
            onChange={({ fileList }) => setScans(fileList)}
          >
            <Button icon={<UploadOutlined />}>{t('members.addCertificates')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function LapseModal({
  member,
  onClose,
  onSaved,
}: {
  member: MemberProfile;
  onClose: () => void;
  onSaved: (m: MemberProfile) => void;
}) {
  const [form] = Form.useForm<{ reason: string; lapsed_on?: Dayjs }>();
  const { submit, isSaving, error } = useFormSubmit(form, async (v: { reason: string; lapsed_on?: Dayjs }) => {
    onSaved(
      await lapseMember(member.id, {
        version: member.version,
        reason: v.reason.trim(),
        ...(v.lapsed_on ? { lapsed_on: v.lapsed_on.format('YYYY-MM-DD') } : {}),
      }),
    );
  });
  return (
    <Modal
      open
      title={t('members.lapse')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={isSaving}
      okButtonProps={{ danger: true }}
    >
      <Typography.Paragraph type="secondary">{t('members.lapseHint')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ lapsed_on: dayjs() }}>
        <Form.Item
          name="reason"
          label={t('members.lapseReason')}
          rules={[{ required: true, min: 2, max: 200, whitespace: true, message: t('members.lapseReason') }]}
        >
          <Input.TextArea rows={3} maxLength={200} data-testid="member-lapse-reason" />
        </Form.Item>
        <Form.Item name="lapsed_on" label={t('members.lapsedOn')}>
          <DatePicker
            disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(member.joined_on), 'day')}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The honours with their certificate scans; a cadre who manages the member may remove one recorded by mistake. */
export function HonourList({
  member,
  canManage,
  onChanged,
}: {
  member: MemberProfile;
  canManage: boolean;
  onChanged: (m: MemberProfile) => void;
}) {
  const [error, setError] = useState<ApiError | null>(null);
  return (
    <>
      <ErrorAlert error={error} />
      <List
        size="small"
        locale={{ emptyText: t('members.noHonours') }}
        dataSource={member.honours}
        renderItem={(h) => (
          <List.Item
            actions={
              canManage
                ? [
                    <Popconfirm
                      key="remove"
                      title={t('members.removeHonourConfirm')}
                      onConfirm={() =>
                        removeHonour(member.id, h.id).then(onChanged, (err: unknown) => setError(asApiError(err)))
                      }
                    >
                      <Button type="link" size="small" danger>
                        {t('members.removeHonour')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Space direction="vertical" size={0}>
              <span>
                {h.year} · {HONOUR_LEVELS[h.level]}
                {HONOUR_KINDS[h.kind]} {h.title ? `（${h.title}）` : ''}
              </span>
              {h.certificates.length > 0 && (
                <Space size="small">
                  {h.certificates.map((f, i) => (
                    <Typography.Link key={f.id} href={f.url} target="_blank" rel="noreferrer">
                      {t('members.certificateN', { n: i + 1 })}
                    </Typography.Link>
                  ))}
                </Space>
              )}
            </Space>
          </List.Item>
        )}
      />
    </>
  );
}

const FIELD_LABELS: Record<string, Parameters<typeof t>[0]> = {
  name: 'members.name',
  phone: 'members.phone',
  occupation: 'members.occupation',
  platform: 'members.platform',
  employer: 'members.employer',
  work_region_code: 'members.workRegion',
  residence_region_code: 'members.residenceRegion',
  hardship_level: 'members.hardship',
  photo: 'members.photo',
};

function describeChange(field: string, change: unknown): string {
  const label = FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : field;
  if (typeof change === 'object' && change !== null && 'from' in change && 'to' in change) {
    const { from, to } = change as { from: unknown; to: unknown };
    return `${label}：${from ?? '—'} → ${to ?? '—'}`;
  }
  return t('members.fieldChanged', { field: label });
}

/** 变更记录: who changed what and when, from the audit trail (personal values never shown). */
export function MemberHistoryList({ member }: { member: MemberProfile }) {
  const [history, setHistory] = useState<MemberHistory | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    fetchMemberHistory(member.id).then(setHistory, (err: unknown) => setError(asApiError(err)));
    // Every change answers a new profile object (an honour does not bump the version): reload on each.
  }, [member]);
  return (
    <>
      <ErrorAlert error={error} />
      {history && history.items.length === 0 && (
        <Typography.Text type="secondary">{t('members.noHistory')}</Typography.Text>
      )}
      <Timeline
        data-testid="member-history"
        items={(history?.items ?? []).map((h) => ({
          children: (
            <>
              <div>
                <Typography.Text strong>{h.action_label}</Typography.Text> · {h.actor} · {formatDateTime(h.at)}
              </div>
              {h.summary && <div>{h.summary}</div>}
              {h.reason && <div>{t('members.reasonIs', { reason: h.reason })}</div>}
              {Object.entries(h.changes).map(([field, change]) => (
                <div key={field}>
                  <Typography.Text type="secondary">{describeChange(field, change)}</Typography.Text>
                </div>
              ))}
            </>
          ),
        }))}
      />
    </>
  );
}
