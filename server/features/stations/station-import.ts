import { CRS_LIST, type Crs } from '../../../common/geo';
import { formatOrgCode } from '../../../common/org-code';
import { checkOpeningHours } from '../../../common/opening-hours';
import {
  AMENITIES,
  STATION_KINDS,
  STATION_STATUSES,
  type Amenity,
  type StationKind,
  type StationStatus,
} from '../../../common/stations';
import type { Insertable } from 'kysely';
import type { StationsTable } from '../../db/schema';
import { defineImportKind } from '../../http/import-kind';
import { findRegion } from '../regions/regions';
import { checkedLocation } from './registry-edit';
import * as q from './sql';

/** A label, its short form (before a bracket) or the code itself, to the code. */
function byLabel<C extends string>(labels: Record<C, string>): Map<string, C> {
  return new Map(
    (Object.entries(labels) as [C, string][]).flatMap(([code, label]) => [
      [label, code],
      [label.replace(/（.*）/, ''), code],
      [code, code],
    ]),
  );
}
const KIND_BY_LABEL = byLabel(STATION_KINDS);
const AMENITY_BY_LABEL = byLabel(AMENITIES);
const STATUS_BY_LABEL = byLabel({
  open: STATION_STATUSES.open,
  temporarily_closed: STATION_STATUSES.temporarily_closed,
});
const CRS_BY_LABEL = new Map<string, Crs>(
  CRS_LIST.flatMap((c) => [
    [c, c],
    [{ wgs84: 'WGS-84', gcj02: 'GCJ-02', bd09: 'BD-09' }[c], c],
  ]),
);
const CRS_HELP = 'WGS-84（GPS）、GCJ-02（高德、腾讯、微信）或 BD-09（百度）；留空为 WGS-84';

/** The subtree's orgs by id, join code, name and short name. */
export interface StationImportPrepared {
  orgs: Map<string, number>;
}

const cell = (raw: Record<string, string>, key: string) => (raw[key] ?? '').trim();

/** 驿站台账: one station per row, its point in the row's coordinate system; a name its union already has is a duplicate. */
export const stationImportKind = defineImportKind<Insertable<StationsTable>, StationImportPrepared>({
  name: 'stations.registry',
  title: '驿站台账',
  permission: 'stations.manage',
  columns: [
    { header: '名称', key: 'name', required: true, example: '幸福街道爱心驿站', help: '100 字以内' },
    { header: '类型', key: 'kind', required: false, example: '工会驿站', help: '工会驿站 或 司机之家；留空为工会驿站' },
    {
      header: '所属工会代码',
      key: 'org',
      required: false,
      example: '',
      help: '本工会及下级工会的代码、名称或编号；留空为导入时选择的工会',
    },
    { header: '地址', key: 'address', required: true, example: '宿城区幸福中路 18 号', help: '200 字以内' },
    { header: '行政区划代码', key: 'region_code', required: true, example: '321302', help: '6 位 GB/T 2260 代码' },
    { header: '纬度', key: 'lat', required: true, example: '33.9512', help: '如 33.9512' },
    { header: '经度', key: 'lng', required: true, example: '118.2921', help: '如 118.2921' },
    { header: '坐标系', key: 'crs', required: false, example: 'GCJ-02', help: CRS_HELP },
    {
      header: '设施',
      key: 'amenities',
      required: false,
      example: '饮用水、热水、微波炉',
      help: `用顿号“、”分隔，可填：${Object.values(AMENITIES).join('、')}`,
    },
    {
      header: '开放时间',
      key: 'opening_hours',
      required: false,
      example: 'Mo-Fr 08:00-18:00; PH off',
      help: 'OSM opening_hours 格式；留空为 24/7（全天开放）',
    },
    { header: '电话', key: 'phone', required: false, example: '0527-84300000', help: '驿站的公开电话' },
    { header: '状态', key: 'status', required: false, example: '开放', help: '开放 或 暂停开放；留空为开放' },
  ],
  instructions: [
    '每行一个驿站，第一行表头请勿修改；空行会被跳过。',
    '坐标可按 WGS-84、GCJ-02 或 BD-09 填写，在“坐标系”列注明；系统统一按 WGS-84 保存。',
    '同一工会下已有同名驿站（未撤销）的行不会重复登记，会在结果中列为重复。',
    '导入完成后可下载错误报告：原始行加“错误原因”列，改正后可再次导入。',
  ],
  async prepare(ctx, orgId) {
    const orgs = new Map<string, number>();
    for (const o of await q.findSubtreeOrgs(ctx.db, orgId)) {
      orgs.set(String(o.id), o.id);
      orgs.set(formatOrgCode(o.id), o.id);
      orgs.set(o.name, o.id);
      if (o.short_name) orgs.set(o.short_name, o.id);
    }
    return { orgs };
  },
  parseRow(raw, { orgId, prepared }) {
    const errors: Record<string, string> = {};
    const name = cell(raw, 'name');
    if (!name) errors.name = '「名称」为空';
    else if ([...name].length > 100) errors.name = '「名称」超过 100 个字';
    const kindText = cell(raw, 'kind');
    const kind: StationKind | undefined = kindText ? KIND_BY_LABEL.get(kindText) : 'outdoor_worker';
    if (!kind) errors.kind = '「类型」应为 工会驿站 或 司机之家';
    const orgText = cell(raw, 'org');
    const target = orgText ? (prepared.orgs.get(orgText.toUpperCase()) ?? prepared.orgs.get(orgText)) : orgId;
    if (target === undefined) errors.org = '「所属工会代码」不是本工会或其下级工会';
    const address = cell(raw, 'address');
    if (!address) errors.address = '「地址」为空';
    else if ([...address].length > 200) errors.address = '「地址」超过 200 个字';
    const region = cell(raw, 'region_code');
    if (!/^\d{6}$/.test(region) || !findRegion(region)) errors.region_code = '「行政区划代码」不是有效的 6 位代码';
    const crsText = cell(raw, 'crs');
    const crs = crsText
      ? (CRS_BY_LABEL.get(crsText.toUpperCase()) ?? CRS_BY_LABEL.get(crsText.toLowerCase()))
      : 'wgs84';
    if (!crs) errors.crs = `「坐标系」应为 ${CRS_HELP}`;
    const lat = Number(cell(raw, 'lat'));
    const lng = Number(cell(raw, 'lng'));
    const pointErrors: Record<string, string> = {};
    if (!cell(raw, 'lat') || !Number.isFinite(lat)) pointErrors.lat = '不是数字';
    if (!cell(raw, 'lng') || !Number.isFinite(lng)) pointErrors.lng = '不是数字';
    const point =
      Object.keys(pointErrors).length === 0 ? checkedLocation(lat, lng, crs ?? 'wgs84', pointErrors) : undefined;
    if (pointErrors.lat) errors.lat = pointErrors.lat === '不是数字' ? '「纬度」不是数字' : pointErrors.lat;
    if (pointErrors.lng) errors.lng = pointErrors.lng === '不是数字' ? '「经度」不是数字' : pointErrors.lng;
    const amenities: Amenity[] = [];
    for (const label of cell(raw, 'amenities')
      .split(/[、,，;；]/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const code = AMENITY_BY_LABEL.get(label);
      if (!code) errors.amenities = `「设施」中的“${label}”不在可选列表中（见填写说明）`;
      else if (!amenities.includes(code)) amenities.push(code);
    }
    const hours = cell(raw, 'opening_hours') || '24/7';
    const hoursProblem = checkOpeningHours(hours);
    if (hoursProblem) errors.opening_hours = `「开放时间」${hoursProblem}`;
    const phone = cell(raw, 'phone');
    if (phone && !/^[0-9+\-() ]{3,40}$/.test(phone)) errors.phone = '「电话」只能包含数字、空格和 + - ( )';
    const statusText = cell(raw, 'status');
    const status: StationStatus | undefined = statusText ? STATUS_BY_LABEL.get(statusText) : 'open';
    if (!status) errors.status = '「状态」应为 开放 或 暂停开放';
    if (Object.keys(errors).length > 0 || !point) return { ok: false, errors };
    return {
      ok: true,
      value: {
        org_id: target!,
        kind: kind!,
        name,
        address,
        region_code: region,
        lat: point.lat,
        lng: point.lng,
        amenities,
        opening_hours: hours,
        phone: phone || null,
        status: status!,
      },
    };
  },
  dedupeKey: (v) => `${v.org_id}|${v.name}`,
  async findExisting(tx, keys) {
    const pairs = keys.map((k) => {
      const bar = k.indexOf('|');
      return { orgId: Number(k.slice(0, bar)), name: k.slice(bar + 1) };
    });
    return new Set((await q.findStationsNamed(tx.db, pairs)).map((r) => `${r.org_id}|${r.name}`));
  },
  async writeBatch(tx, values) {
    if (values.length === 0) return 0;
    return (await q.insertStations(tx.db, [...values])).length;
  },
});
