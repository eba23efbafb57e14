/**
 * Who may change what in the station registry (pure checks; scope itself is applied in SQL).
 * stations.manage over the owning org: every field. The station's keeper (stations.keep): only
 * what keeping it true needs — hours, amenities, phone, status (not retiring it) and photos.
 */
import { AppError } from '../../../common/errors';

/** What a keeper may change, as the PATCH body names it. */
export const OPERATIONAL_FIELDS: ReadonlySet<string> = new Set([
  'version',
  // The crs of a point (the schema defaults it): alone it changes nothing.
  'crs',
  'opening_hours',
  'amenities',
  'phone',
  'status',
  'closed_until',
  'photos_add',
  'photos_remove',
]);

/** The Chinese name of each field a 403 or 422 names. */
export const FIELD_LABELS: Record<string, string> = {
  org_id: '所属工会',
  kind: '类型',
  name: '名称',
  address: '地址',
  region_code: '行政区划代码',
  lat: '纬度',
  lng: '经度',
  crs: '坐标系',
  amenities: '设施',
  opening_hours: '开放时间',
  phone: '电话',
  keeper_account_id: '站长',
  award_year: '最美驿站年份',
  status: '状态',
  closed_until: '暂停开放截止日期',
  photos_add: '照片',
  photos_remove: '照片',
};

/**
 * Refuses a keeper's edit that reaches past the operational fields, naming the first such field
 * (and retiring, which only the registry's managers do).
 */
export function checkKeeperEdit(body: Record<string, unknown>): void {
  const field = Object.keys(body).find((k) => body[k] !== undefined && !OPERATIONAL_FIELDS.has(k));
  if (field !== undefined)
    throw new AppError(
      'forbidden',
      { [field]: `站长不能修改「${FIELD_LABELS[field] ?? field}」` },
      `站长只能维护开放时间、设施、电话、状态和照片，不能修改「${FIELD_LABELS[field] ?? field}」`,
    );
  if (body.status === 'retired')
    throw new AppError('forbidden', { status: '站长不能撤销驿站' }, '站长不能撤销驿站，请联系所属工会');
}
