import { Alert, Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { childTypesOf, EMPLOYER_ORG_TYPES, ORG_TYPES, ORG_TYPE_LABELS, type OrgType } from '../../../common/org-types';
import { isValidUscc } from '../../../common/uscc';
import { useFormSubmit } from '../../components/form-errors';
import { pickLabel } from '../../lib/i18n';
import { t } from './messages';
import { useRequest } from '../../lib/use-request';
import type { OrgFields } from '../../../common/org-types';
import { createOrg, fetchOrg, updateOrg, type OrgDetail } from './api';
import { RegionCascader } from './region-cascader';

interface Values {
  name: string;
  short_name?: string;
  type: OrgType;
  /** The cascader's path of codes; the API takes the last one. */
  region_code?: string[];
  uscc?: string;
  address?: string;
  lat?: number | null;
  lng?: number | null;
  founded_on?: Dayjs | null;
  contact_name?: string;
  contact_phone?: string;
}

const PHONE = /^[0-9+\-() ]{5,20}$/;
// The form shows and takes WGS-84 (its hint says so) and names that system to the API (DESIGN.md §4.3).
const CRS = 'wgs84' as const;

export type OrgFormMode = { kind: 'create'; parent: OrgDetail } | { kind: 'edit'; org: OrgDetail };

function initialValues(mode: OrgFormMode): Partial<Values> {
  if (mode.kind === 'create') return { type: undefined };
  const { org } = mode;
  return {
    name: org.name,
    short_name: org.short_name ?? undefined,
    type: org.type,
    uscc: org.uscc ?? undefined,
    address: org.address ?? undefined,
    lat: org.lat,
    lng: org.lng,
    founded_on: org.founded_on ? dayjs(org.founded_on) : null,
    contact_name: org.contact_name ?? undefined,
    contact_phone: org.contact_phone ?? undefined,
  };
}

function toFields(values: Values, regionCode: string): OrgFields {
  const text = (v: string | undefined) => (v?.trim() ? v.trim() : null);
  return {
    name: values.name.trim(),
    short_name: text(values.short_name),
    type: values.type,
    region_code: regionCode,
    uscc: EMPLOYER_ORG_TYPES.includes(values.type) ? text(values.uscc?.toUpperCase()) : null,
    address: text(values.address),
    lat: values.lat ?? null,
    lng: values.lng ?? null,
    founded_on: values.founded_on ? values.founded_on.format('YYYY-MM-DD') : null,
    contact_name: text(values.contact_name),
    contact_phone: text(values.contact_phone),
  };
}

/**
 * The parent an org is created or edited under, when the account can read it: it decides the
 * types offered (common/org-types.ts) and the region to stay within. An edited grant root's
 * parent is out of scope, and then the server alone checks.
 */
function useParent(mode: OrgFormMode): { parent: OrgDetail | null; isSettled: boolean } {
  const parentId =
    mode.kind === 'edit' && mode.org.ancestors.some((a) => a.id === mode.org.parent_id) ? mode.org.parent_id : null;
  const fetched = useRequest(parentId === null ? null : String(parentId), () => fetchOrg(parentId ?? 0));
  if (mode.kind === 'create') return { parent: mode.parent, isSettled: true };
  return {
    parent: fetched.data?.id === parentId ? fetched.data : null,
    isSettled: parentId === null || !fetched.isLoading,
  };
}

/** The types an org may take under `parent`: all of them when the parent is unknown, and always its current one. */
function typeChoices(parent: OrgDetail | null, current: OrgType | undefined): OrgType[] {
  if (!parent) return [...ORG_TYPES];
  const allowed = childTypesOf(parent.type);
  return current && !allowed.includes(current)
    ? ORG_TYPES.filter((type) => type === current || allowed.includes(type))
    : allowed;
}

/** Only what changed goes into a PATCH, so a stale form never overwrites someone else's edit. */
function changedFields(org: OrgDetail, fields: OrgFields): Partial<OrgFields> {
  const changed: Partial<Record<keyof OrgFields, unknown>> = {};
  for (const key of Object.keys(fields) as Array<keyof OrgFields>) {
    if ((fields[key] ?? null) !== (org[key] ?? null)) changed[key] = fields[key];
  }
  return changed as Partial<OrgFields>;
}

export function OrgFormDrawer({
  mode,
  canManageParent = true,
  onClose,
  onSaved,
}: {
  mode: OrgFormMode;
  /**
   * Whether the account manages the edited org's parent. An org's type and region are its
   * parent's business (the server refuses a change with 403), so without it, as on the
   * account's own grant root or the deployment's root, both are read-only.
   */
  canManageParent?: boolean;
  onClose: () => void;
  onSaved: (org: OrgDetail) => void;
}) {
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form);
  const [isChangingRegion, setIsChangingRegion] = useState(mode.kind === 'create');
  const { parent, isSettled } = useParent(mode);
  const isPlacementLocked = mode.kind === 'edit' && !canManageParent;
  const placementLockedHint = isPlacementLocked
    ? t(mode.org.parent_id === null ? 'orgs.placementLockedRoot' : 'orgs.placementLocked')
    : undefined;
  const types = typeChoices(parent, mode.kind === 'edit' ? mode.org.type : undefined);
  // Anything goes under the national federation; below it, an org lies within its parent's region.
  const within = parent && parent.type !== 'national_federation' ? parent.region_code : undefined;

  const {
    submit: save,
    isSaving,
    error,
  } = useFormSubmit(form, async (values: Values, regionCode: string) => {
    const fields = toFields(values, regionCode);
    if (mode.kind === 'create') {
      onSaved(await createOrg({ ...fields, parent_id: mode.parent.id, crs: CRS }));
    } else {
      const changed = changedFields(mode.org, fields);
      const located = 'lat' in changed || 'lng' in changed ? { crs: CRS } : {};
      onSaved(Object.keys(changed).length > 0 ? await updateOrg(mode.org.id, { ...changed, ...located }) : mode.org);
    }
  });

  function submit(values: Values) {
    const regionCode = values.region_code?.at(-1) ?? (mode.kind === 'edit' ? mode.org.region_code : undefined);
    if (!regionCode) return;
    void save(values, regionCode);
  }

  const title =
    mode.kind === 'create'
      ? t('orgs.createUnder', { name: mode.parent.name })
      : t('orgs.editTitle', { name: mode.org.name });

  return (
    <Drawer
      open
      title={title}
      size="min(560px, 100vw)"
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={isSaving} onClick={() => form.submit()} data-testid="org-form-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={initialValues(mode)} onFinish={submit} data-testid="org-form">
        <Form.Item
          name="name"
          label={t('orgs.name')}
          rules={[{ required: true, whitespace: true, message: t('orgs.nameRequired') }, { max: 100 }]}
        >
          <Input data-testid="org-form-name" />
        </Form.Item>
        <Form.Item name="short_name" label={t('orgs.shortName')} rules={[{ max: 40 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="type" label={t('orgs.type')} rules={[{ required: true, message: t('orgs.typeRequired') }]}>
          <Select
            data-testid="org-form-type"
            disabled={isPlacementLocked}
            showSearch={{ optionFilterProp: 'label' }}
            options={types.map((value) => ({ value, label: pickLabel(ORG_TYPE_LABELS[value]) }))}
          />
        </Form.Item>
        {isChangingRegion ? (
          <Form.Item
            name="region_code"
            label={t('orgs.region')}
            rules={[{ required: true, message: t('orgs.regionRequired') }]}
          >
            <RegionCascader testId="org-form-region" within={within} />
          </Form.Item>
        ) : (
          <Form.Item label={t('orgs.region')} extra={placementLockedHint}>
            <Space>
              <Typography.Text data-testid="org-form-region-text">
                {mode.kind === 'edit' ? mode.org.region_full_name : ''}
              </Typography.Text>
              {!isPlacementLocked && (
                <Button type="link" size="small" disabled={!isSettled} onClick={() => setIsChangingRegion(true)}>
                  {t('common.change')}
                </Button>
              )}
            </Space>
          </Form.Item>
        )}
        {type && EMPLOYER_ORG_TYPES.includes(type) && (
          <Form.Item
            name="uscc"
            label={t('orgs.uscc')}
            rules={[
              {
                validator: async (_, v: string | undefined) => {
                  if (v && !isValidUscc(v)) throw new Error(t('orgs.usccFormat'));
                },
              },
            ]}
            normalize={(v: string) => v.toUpperCase()}
          >
            <Input maxLength={18} />
          </Form.Item>
        )}
        <Form.Item name="address" label={t('orgs.address')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('orgs.coordinates')} extra={t('orgs.coordinatesHint')}>
          <Space.Compact block>
            <Form.Item name="lat" noStyle>
              <InputNumber min={-90} max={90} step={0.000001} placeholder={t('orgs.lat')} style={{ width: '50%' }} />
            </Form.Item>
            <Form.Item name="lng" noStyle>
              <InputNumber min={-180} max={180} step={0.000001} placeholder={t('orgs.lng')} style={{ width: '50%' }} />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item name="founded_on" label={t('orgs.foundedOn')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="contact_name" label={t('orgs.contactName')} rules={[{ max: 40 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="contact_phone"
          label={t('orgs.contactPhone')}
          rules={[{ pattern: PHONE, message: t('orgs.phoneFormat') }]}
        >
          <Input />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
