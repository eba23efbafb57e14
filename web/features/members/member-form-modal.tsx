import { AutoComplete, DatePicker, Form, Input, Modal, Select, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { HARDSHIP_LEVELS, OCCUPATIONS, PLATFORMS, type HardshipLevel, type Occupation } from '../../../common/members';
import { MEMBER_ORG_TYPES } from '../../../common/org-types';
import { ErrorAlert } from '../../components/error-alert';
import { useFormSubmit } from '../../components/form-errors';
import { OrgSelect } from '../orgs/org-select';
import { RegionCascader } from '../orgs/region-cascader';
import { createMember, updateMember, type MemberPatchBody, type MemberProfile } from './api';
import { t } from './messages';

interface Values {
  org_id?: number;
  name: string;
  id_number?: string;
  phone?: string;
  occupation: Occupation;
  platform?: string;
  employer?: string;
  /** The cascaders' paths of codes; the API takes the last one. */
  work_region?: string[];
  residence_region?: string[];
  hardship_level?: HardshipLevel | null;
  joined_on?: Dayjs;
}

export type MemberFormMode = { kind: 'create' } | { kind: 'edit'; member: MemberProfile };

const text = (v: string | undefined) => (v?.trim() ? v.trim() : null);
const PHONE_HINT = /^1\d{10}$/;

/** 录入会员 / 编辑会员: one form; the ID number is entered once and never edited (it is the person). */
export function MemberFormModal({
  mode,
  onClose,
  onSaved,
}: {
  mode: MemberFormMode;
  onClose: () => void;
  onSaved: (m: MemberProfile) => void;
}) {
  const [form] = Form.useForm<Values>();
  const isEdit = mode.kind === 'edit';
  const { submit, isSaving, error } = useFormSubmit(form, async (values: Values) => {
    const name = values.name?.trim();
    const fields = {
      occupation: values.occupation,
      platform: text(values.platform),
      employer: text(values.employer),
      hardship_level: values.hardship_level ?? null,
      ...(values.work_region?.length ? { work_region_code: values.work_region.at(-1)! } : {}),
      ...(values.residence_region?.length ? { residence_region_code: values.residence_region.at(-1)! } : {}),
    };
    if (mode.kind === 'edit') {
      const body: MemberPatchBody = { version: mode.member.version, ...fields };
      // The name and the phone are shown masked: only newly typed ones are sent.
      if (name) body.name = name;
      if (values.phone?.trim()) body.phone = values.phone.trim();
      onSaved(await updateMember(mode.member.id, body));
    } else {
      onSaved(
        await createMember({
          ...fields,
          name: name ?? '',
          org_id: values.org_id!,
          id_number: values.id_number!.trim(),
          phone: text(values.phone),
          ...(values.joined_on ? { joined_on: values.joined_on.format('YYYY-MM-DD') } : {}),
        }),
      );
    }
  });
  const initial: Partial<Values> =
    mode.kind === 'edit'
      ? {
          name: '',
          occupation: mode.member.occupation,
          platform: mode.member.platform ?? undefined,
          employer: mode.member.employer ?? undefined,
          hardship_level: mode.member.hardship_level,
        }
      : { org_id: undefined, occupation: undefined, joined_on: dayjs() };

  return (
    <Modal
      open
      width={620}
      title={isEdit ? t('members.edit') : t('members.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={isSaving}
      okButtonProps={{ 'data-testid': 'member-form-save' } as ButtonProps}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={submit} data-testid="member-form">
        {mode.kind === 'create' && (
          <Form.Item
            name="org_id"
            label={t('members.org')}
            rules={[{ required: true, message: t('members.orgRequired') }]}
          >
            <OrgSelect
              activeOnly
              accept={(o) => MEMBER_ORG_TYPES.includes(o.type)}
              placeholder={t('members.orgPick')}
              testId="member-form-org"
            />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('members.name')}
          extra={isEdit ? t('members.nameEditHint', { name: mode.member.name_masked }) : undefined}
          rules={[{ required: !isEdit, whitespace: true, max: 40, message: t('members.nameRequired') }]}
        >
          <Input maxLength={40} autoComplete="off" data-testid="member-form-name" />
        </Form.Item>
        {mode.kind === 'create' && (
          <Form.Item
            name="id_number"
            label={t('members.idNumber')}
            rules={[{ required: true, whitespace: true, message: t('members.idRequired') }]}
          >
            <Input maxLength={20} autoComplete="off" data-testid="member-form-id" />
          </Form.Item>
        )}
        <Form.Item
          name="phone"
          label={t('members.phone')}
          extra={
            isEdit && mode.member.phone_masked
              ? t('members.phoneEditHint', { phone: mode.member.phone_masked })
              : undefined
          }
          rules={[{ pattern: PHONE_HINT, message: t('members.phoneInvalid') }]}
        >
          <Input maxLength={11} inputMode="numeric" autoComplete="off" data-testid="member-form-phone" />
        </Form.Item>
        <Form.Item
          name="occupation"
          label={t('members.occupation')}
          rules={[{ required: true, message: t('members.occupationRequired') }]}
        >
          <Select<Occupation>
            options={Object.entries(OCCUPATIONS).map(([value, label]) => ({ value: value as Occupation, label }))}
            showSearch
            optionFilterProp="label"
            data-testid="member-form-occupation"
          />
        </Form.Item>
        <Form.Item name="platform" label={t('members.platform')}>
          <AutoComplete options={PLATFORMS.map((p) => ({ value: p }))} allowClear maxLength={40} />
        </Form.Item>
        <Form.Item name="employer" label={t('members.employer')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="work_region"
          label={t('members.workRegion')}
          extra={
            isEdit && mode.member.work_region_code
              ? t('members.regionKeep', { code: mode.member.work_region_code })
              : undefined
          }
        >
          <RegionCascader testId="member-form-work-region" />
        </Form.Item>
        <Form.Item
          name="residence_region"
          label={t('members.residenceRegion')}
          extra={
            isEdit && mode.member.residence_region_code
              ? t('members.regionKeep', { code: mode.member.residence_region_code })
              : undefined
          }
        >
          <RegionCascader />
        </Form.Item>
        <Form.Item name="hardship_level" label={t('members.hardship')}>
          <Select<HardshipLevel>
            allowClear
            options={Object.entries(HARDSHIP_LEVELS).map(([value, label]) => ({
              value: value as HardshipLevel,
              label,
            }))}
          />
        </Form.Item>
        {mode.kind === 'create' && (
          <Form.Item name="joined_on" label={t('members.joinedOn')}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
