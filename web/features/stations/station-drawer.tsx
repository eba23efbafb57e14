import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  type UploadFile,
} from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { convertPoint, type Crs, type LatLng } from '../../../common/geo';
import { AMENITIES, STATION_KINDS, STATION_STATUSES, type Amenity } from '../../../common/stations';
import { ErrorAlert } from '../../components/error-alert';
import { useFormSubmit } from '../../components/form-errors';
import { asApiError } from '../../lib/http';
import { OrgSelect } from '../orgs/org-select';
import { RegionCascader } from '../orgs/region-cascader';
import {
  createStation,
  fetchStation,
  listKeepers,
  updateStation,
  uploadStationPhotos,
  type KeeperCandidate,
  type StationPatchBody,
  type StationRecord,
} from './api';
import { HoursField } from './hours-field';
import { t } from './messages';
import { PinMap } from './pin-map';
import { bodiesOf, initialOf, type Values } from './station-form-model';
import { KeeperSelect, StationPhotos } from './station-photos';

export type StationDrawerMode = { kind: 'create' } | { kind: 'edit'; id: number };

const AMENITY_OPTIONS = Object.entries(AMENITIES).map(([value, label]) => ({ value: value as Amenity, label }));
const CRS_OPTIONS: Array<{ value: Crs; label: string }> = [
  { value: 'wgs84', label: t('stations.crsWgs84') },
  { value: 'gcj02', label: t('stations.crsGcj02') },
  { value: 'bd09', label: t('stations.crsBd09') },
];
/**
 * 新建 / 编辑驿站: one form in a drawer. A manager edits every field (the pin dragged on the map, or
 * coordinates typed in any system); a keeper sees the same station and edits only hours,
 * amenities, phone, status and photos. The hours are read back live for the next week.
 */
export function StationDrawer({
  mode,
  near,
  onClose,
  onSaved,
}: {
  mode: StationDrawerMode;
  near: LatLng;
  onClose: () => void;
  onSaved: (s: StationRecord) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [record, setRecord] = useState<StationRecord | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [newPhotos, setNewPhotos] = useState<UploadFile[]>([]);
  const [removed, setRemoved] = useState<string[]>([]);
  const [keepers, setKeepers] = useState<KeeperCandidate[]>([]);
  /** The chosen union's region: a new station's when none is picked. */
  const [orgRegion, setOrgRegion] = useState<string | undefined>();
  const isEdit = mode.kind === 'edit';
  const canManage = !isEdit || record?.can_manage === true;
  const load = useCallback(async () => {
    if (mode.kind !== 'edit') return;
    try {
      const r = await fetchStation(mode.id);
      setRecord(r);
      form.setFieldsValue(initialOf(r) as Values);
    } catch (err) {
      setLoadError(err);
    }
  }, [form, mode]);
  useEffect(() => void load(), [load]);

  const orgId = Form.useWatch('org_id', form);
  const crs = Form.useWatch('crs', form) ?? 'wgs84';
  const lat = Form.useWatch('lat', form);
  const lng = Form.useWatch('lng', form);
  const status = Form.useWatch('status', form);
  const region = Form.useWatch('region', form);
  useEffect(() => {
    if (!orgId || !canManage) return setKeepers([]);
    listKeepers(orgId).then(
      (r) => setKeepers(r.items),
      () => setKeepers([]),
    );
  }, [orgId, canManage]);

  const point =
    lat !== undefined && lng !== undefined && lat !== null && lng !== null
      ? convertPoint({ lat, lng }, crs, 'wgs84')
      : null;
  const placePin = (p: LatLng) => {
    const inForm = convertPoint(p, 'wgs84', form.getFieldValue('crs') ?? 'wgs84');
    // 7 decimals are ~1 cm: the rest is the map's pixel noise.
    const round = (x: number) => Math.round(x * 1e7) / 1e7;
    form.setFieldsValue({ lat: round(inForm.lat), lng: round(inForm.lng) });
    form.setFields([
      { name: 'lat', errors: [] },
      { name: 'lng', errors: [] },
    ]);
  };

  const { submit, isSaving, error } = useFormSubmit(form, async (v: Values) => {
    const files = newPhotos.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f);
    const refs = files.length ? await uploadStationPhotos(files) : [];
    const { operational, registry } = bodiesOf(v);
    try {
      if (!record) {
        const { status: _s, closed_until: _c, ...rest } = operational;
        onSaved(
          await createStation({
            ...rest,
            ...registry,
            org_id: v.org_id!,
            region_code: v.region?.at(-1) ?? orgRegion ?? '',
            photos: refs,
          }),
        );
      } else {
        const body: StationPatchBody = {
          version: record.version,
          ...operational,
          ...(record.can_manage ? { ...registry, org_id: v.org_id } : {}),
          ...(refs.length ? { photos_add: refs } : {}),
          ...(removed.length ? { photos_remove: removed } : {}),
        };
        onSaved(await updateStation(record.id, body));
      }
      void message.success(t('stations.saved'));
    } catch (err) {
      if (asApiError(err).code === 'stale_version') {
        void message.warning(t('stations.stale'));
        await load();
        return;
      }
      throw err;
    }
  });

  const photos = (record?.photos ?? []).filter((p) => !removed.includes(p.id));
  const required = (field: string) => [
    { required: true, whitespace: true, message: t('stations.required', { field }) },
  ];
  return (
    <Drawer
      open
      width={760}
      title={isEdit ? (canManage ? t('stations.edit') : t('stations.keep')) : t('stations.create')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Button type="primary" loading={isSaving} onClick={() => form.submit()} data-testid="station-form-save">
          {t('common.save')}
        </Button>
      }
    >
      <ErrorAlert error={loadError ? asApiError(loadError) : error} />
      {record && !record.can_manage && (
        <Alert type="info" showIcon title={t('stations.keeperOnly')} style={{ marginBottom: 12 }} />
      )}
      {(!isEdit || record) && (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={initialOf(record)}
          onFinish={submit}
          data-testid="station-form"
        >
          <Row gutter={12}>
            <Col span={14}>
              <Form.Item name="name" label={t('stations.name')} rules={required(t('stations.name'))}>
                <Input maxLength={100} disabled={!canManage} data-testid="station-form-name" />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="kind" label={t('stations.kind')}>
                <Select
                  disabled={!canManage}
                  options={Object.entries(STATION_KINDS).map(([value, label]) => ({ value, label }))}
                />
              </Form.Item>
            </Col>
          </Row>
          {canManage ? (
            <Form.Item
              name="org_id"
              label={t('stations.org')}
              rules={[{ required: true, message: t('stations.pickOrg') }]}
            >
              <OrgSelect
                activeOnly
                initialOption={record ? { value: record.org_id, label: record.org_name } : undefined}
                onChange={(_id, option) => setOrgRegion(option?.org?.region_code)}
                placeholder={t('stations.pickOrg')}
                testId="station-form-org"
              />
            </Form.Item>
          ) : (
            <Form.Item label={t('stations.org')}>
              <Input value={record?.org_name} disabled />
            </Form.Item>
          )}
          <Form.Item name="address" label={t('stations.address')} rules={required(t('stations.address'))}>
            <Input maxLength={200} disabled={!canManage} data-testid="station-form-address" />
          </Form.Item>
          {canManage && (
            <Form.Item
              name="region"
              label={t('stations.region')}
              extra={
                record
                  ? t('stations.regionKeep', { code: record.region_code })
                  : t('stations.regionFromOrg', { code: orgRegion ?? '' })
              }
            >
              <RegionCascader testId="station-form-region" />
            </Form.Item>
          )}
          <Form.Item label={t('stations.location')} extra={canManage ? t('stations.locationHint') : undefined} required>
            {canManage && <PinMap value={point} near={near} onChange={placePin} />}
            <Space.Compact style={{ marginTop: 8, width: '100%' }}>
              <Form.Item name="crs" noStyle>
                <Select options={CRS_OPTIONS} style={{ width: 230 }} disabled={!canManage} />
              </Form.Item>
              <Form.Item name="lat" noStyle rules={[{ required: true, message: t('stations.pickPoint') }]}>
                <InputNumber
                  placeholder={t('stations.lat')}
                  step={0.0001}
                  style={{ width: 160 }}
                  disabled={!canManage}
                  data-testid="station-form-lat"
                />
              </Form.Item>
              <Form.Item name="lng" noStyle rules={[{ required: true, message: t('stations.pickPoint') }]}>
                <InputNumber
                  placeholder={t('stations.lng')}
                  step={0.0001}
                  style={{ width: 160 }}
                  disabled={!canManage}
                  data-testid="station-form-lng"
                />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
          <Form.Item name="opening_hours" label={t('stations.hours')} rules={required(t('stations.hours'))}>
            <HoursField regionCode={region?.at(-1) ?? record?.region_code} />
          </Form.Item>
          <Form.Item name="amenities" label={t('stations.amenities')}>
            <Checkbox.Group
              options={AMENITY_OPTIONS}
              style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', rowGap: 4 }}
            />
          </Form.Item>
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="phone" label={t('stations.phone')}>
                <Input maxLength={40} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="status" label={t('stations.status')}>
                <Select
                  data-testid="station-form-status"
                  options={Object.entries(STATION_STATUSES)
                    .filter(([value]) => canManage || value !== 'retired')
                    .map(([value, label]) => ({ value, label }))}
                />
              </Form.Item>
            </Col>
            {status === 'temporarily_closed' && (
              <Col span={8}>
                <Form.Item
                  name="closed_until"
                  label={t('stations.closedUntil')}
                  extra={t('stations.untilFurtherNotice')}
                >
                  <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
                </Form.Item>
              </Col>
            )}
          </Row>
          {canManage && (
            <Row gutter={12}>
              <Col span={16}>
                <Form.Item name="keeper_account_id" label={t('stations.keeper')}>
                  <KeeperSelect candidates={keepers} current={record} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="award_year" label={t('stations.awardYear')}>
                  <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Form.Item label={t('stations.photos')} extra={t('stations.photosHint')}>
            <StationPhotos
              kept={photos}
              onRemove={(id) => setRemoved((r) => [...r, id])}
              added={newPhotos}
              onAdd={setNewPhotos}
            />
          </Form.Item>
        </Form>
      )}
    </Drawer>
  );
}
