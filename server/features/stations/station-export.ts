import { StationRegistryFilters } from '../../../common/api/stations';
import { formatOrgCode } from '../../../common/org-code';
import {
  AMENITIES,
  STATION_KINDS,
  STATION_STATUSES,
  type Amenity,
  type StationKind,
  type StationStatus,
} from '../../../common/stations';
import { defineExportKind, exportColumns } from '../../http/export-kind';
import { scopeFor } from '../../http/scope';
import { registryFilterOf } from './registry';
import { findRegistryStations } from './sql';

/** Rows read per keyset page of the export. */
const PAGE = 1000;

/**
 * 驿站台账 export: the registry list's filters, in stations.manage scope. The headers are the
 * import's (WGS-84, 坐标系 filled in), so an export can be corrected and imported again; 编号 and
 * 站长 are for reading.
 */
export const stationExportKind = defineExportKind({
  name: 'stations.registry',
  path: '/stations/registry',
  title: '驿站台账',
  permission: 'stations.manage',
  filters: StationRegistryFilters,
  columns: exportColumns({
    id: ['编号', 8],
    name: ['名称', 28],
    kind: ['类型', 12],
    org_code: ['所属工会代码', 14],
    org: ['所属工会', 28],
    address: ['地址', 36],
    region_code: ['行政区划代码', 12],
    lat: ['纬度', 12],
    lng: ['经度', 12],
    crs: ['坐标系', 10],
    amenities: ['设施', 40],
    opening_hours: ['开放时间', 30],
    phone: ['电话', 16],
    status: ['状态', 10],
    closed_until: ['暂停开放截止', 12],
    keeper: ['站长', 16],
  }),
  orgOf: (filters) => filters.org_id,
  async *rows(ctx, filters, { actor }) {
    const access = {
      manage: scopeFor(actor, 'stations.manage'),
      keep: { permission: 'stations.keep' as const, paths: [] },
      accountId: actor.accountId,
    };
    const filter = registryFilterOf(filters);
    let afterId: number | undefined;
    for (;;) {
      const page = await findRegistryStations(ctx.db, access, { ...filter, afterId, limit: PAGE });
      const rows = page.slice(0, PAGE);
      for (const s of rows) {
        yield {
          id: s.id,
          name: s.name,
          kind: STATION_KINDS[s.kind as StationKind].replace(/（.*）/, ''),
          org_code: formatOrgCode(s.org_id),
          org: s.org_name,
          address: s.address,
          region_code: s.region_code,
          lat: s.lat,
          lng: s.lng,
          crs: 'WGS-84',
          amenities: s.amenities.map((a) => AMENITIES[a as Amenity] ?? a).join('、'),
          opening_hours: s.opening_hours,
          phone: s.phone,
          status: STATION_STATUSES[s.status as StationStatus],
          closed_until: s.closed_until,
          keeper: s.keeper_name,
        };
      }
      if (page.length <= PAGE) return;
      afterId = rows[rows.length - 1]!.id;
    }
  },
});
