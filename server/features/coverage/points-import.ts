import { CHINA_BOUNDS, convertPoint, isInChinaBounds, type Crs } from '../../../common/geo';
import type { FieldErrors } from '../../../common/errors';
import { defineImportKind } from '../../http/import-kind';
import { insertPoints, setForImport } from './sql';

export interface DemandPointRow {
  row: number;
  lat: number;
  lng: number;
  weight: number;
  label: string | null;
}

const CRS_BY_LABEL = new Map<string, Crs>([
  ['wgs84', 'wgs84'],
  ['wgs-84', 'wgs84'],
  ['gps', 'wgs84'],
  ['gcj02', 'gcj02'],
  ['gcj-02', 'gcj02'],
  ['高德', 'gcj02'],
  ['腾讯', 'gcj02'],
  ['bd09', 'bd09'],
  ['bd-09', 'bd09'],
  ['百度', 'bd09'],
]);

const number = (s: string) => (/^-?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN);

/**
 * 需求点 (demand points) for the coverage analysis: delivery hotspots, rider gathering places, each
 * with a weight. One import is one point set, named after its file. Every row is its own point (the
 * same place twice is twice the demand), so nothing is a duplicate.
 */
export const demandPointsImportKind = defineImportKind<DemandPointRow, null>({
  name: 'coverage.points',
  title: '需求点',
  permission: 'stations.manage',
  columns: [
    { header: '名称', key: 'label', required: false, example: '万达广场外卖聚集点', help: '不超过 100 字' },
    { header: '纬度', key: 'lat', required: true, example: '28.4530', help: '如 28.4530' },
    { header: '经度', key: 'lng', required: true, example: '117.9430', help: '如 117.9430' },
    {
      header: '坐标系',
      key: 'crs',
      required: false,
      example: 'GCJ-02',
      help: 'WGS-84（GPS）、GCJ-02（高德、腾讯、微信）或 BD-09（百度）；不填按 GCJ-02',
    },
    { header: '权重', key: 'weight', required: false, example: '35', help: '这个点代表多少人（或人次），1–1000000，不填为 1' },
  ],
  instructions: [
    '每行一个需求点，例如外卖骑手聚集点、快递网点、环卫作业点；权重是它代表的人数或人次。',
    '坐标请写明坐标系：从高德、腾讯地图或微信取的点是 GCJ-02，从百度地图取的是 BD-09，GPS 设备是 WGS-84。',
    '一个文件导入为一个点集，以文件名命名；在“覆盖分析”中选用。',
  ],
  prepare: async () => null,
  parseRow(raw, { rowNumber }) {
    const errors: FieldErrors = {};
    const lat = number(raw.lat ?? '');
    const lng = number(raw.lng ?? '');
    if (!raw.lat) errors.lat = '请填写纬度';
    else if (!Number.isFinite(lat) || lat < CHINA_BOUNDS.minLat || lat > CHINA_BOUNDS.maxLat)
      errors.lat = `纬度应是 ${CHINA_BOUNDS.minLat}–${CHINA_BOUNDS.maxLat} 之间的数`;
    if (!raw.lng) errors.lng = '请填写经度';
    else if (!Number.isFinite(lng) || lng < CHINA_BOUNDS.minLng || lng > CHINA_BOUNDS.maxLng)
      errors.lng = `经度应是 ${CHINA_BOUNDS.minLng}–${CHINA_BOUNDS.maxLng} 之间的数`;
    const crs = raw.crs ? CRS_BY_LABEL.get(raw.crs.toLowerCase().replace(/\s/g, '')) : 'gcj02';
    if (!crs) errors.crs = '坐标系应是 WGS-84、GCJ-02 或 BD-09';
    const weight = raw.weight ? number(raw.weight) : 1;
    if (!Number.isInteger(weight) || weight < 1 || weight > 1_000_000) errors.weight = '权重应是 1–1000000 的整数';
    const label = raw.label || null;
    if (label && label.length > 100) errors.label = '名称不能超过 100 字';
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    const p = convertPoint({ lat, lng }, crs!, 'wgs84');
    if (!isInChinaBounds(p)) return { ok: false, errors: { lat: '这个点不在中国境内' } };
    return { ok: true, value: { row: rowNumber, lat: p.lat, lng: p.lng, weight, label } };
  },
  dedupeKey: (v) => String(v.row),
  findExisting: async () => new Set(),
  async writeBatch(tx, values, ctx) {
    const setId = await setForImport(tx.db, { importId: ctx.importId, orgId: ctx.orgId, createdBy: ctx.createdBy });
    await insertPoints(
      tx.db,
      setId,
      values.map(({ lat, lng, weight, label }) => ({ lat, lng, weight, label })),
    );
    return values.length;
  },
});
