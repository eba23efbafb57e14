import { Type } from '@sinclair/typebox';
import {
  NEARBY_LIMIT_DEFAULT,
  NEARBY_LIMIT_MAX,
  NEARBY_RADIUS_DEFAULT_M,
  NEARBY_RADIUS_MAX_M,
  STATION_KIND_CODES,
  STATION_STATUS_CODES,
} from '../stations';
import { AttachmentRefs, FileId } from './files';
import { Crs } from './orgs';
import { Id, Nullable, PageQuery, Strict } from './schemas';

/** The stations API's public contract (DESIGN.md §5; server/features/stations/routes.ts serves it). */

export const StationKind = Type.Union(STATION_KIND_CODES.map((k) => Type.Literal(k)));
export const StationStatus = Type.Union(STATION_STATUS_CODES.map((s) => Type.Literal(s)));

export const NearbyQuery = Strict({
  lat: Type.Number({ minimum: -90, maximum: 90, description: '纬度 Latitude, in `crs`' }),
  lng: Type.Number({ minimum: -180, maximum: 180, description: '经度 Longitude, in `crs`' }),
  crs: Type.Optional(Crs),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: NEARBY_LIMIT_MAX, default: NEARBY_LIMIT_DEFAULT })),
  radius_m: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: NEARBY_RADIUS_MAX_M,
      default: NEARBY_RADIUS_DEFAULT_M,
      description: '搜索半径（米） Search radius in metres',
    }),
  ),
  open_now: Type.Optional(
    Type.Boolean({
      description: '只要此刻开放的（上海时间，含节假日） Only stations open now (Shanghai time, holidays included)',
    }),
  ),
  // Checked against common/stations.ts AMENITIES by the service, which names the unknown value.
  amenity: Type.Optional(
    Type.Array(Type.String({ maxLength: 40 }), {
      maxItems: 18,
      description: '须全部具备的设施，可重复 Amenities that must all be present; repeat the parameter',
    }),
  ),
});

const located = {
  id: Type.Integer(),
  name: Type.String(),
  kind: StationKind,
  address: Type.String(),
  lat: Type.Number({ description: '纬度，按请求的坐标系 Latitude in the requested crs' }),
  lng: Type.Number({ description: '经度，按请求的坐标系 Longitude in the requested crs' }),
  amenities: Type.Array(Type.String()),
  opening_hours: Type.String({ description: 'OSM opening_hours' }),
  phone: Nullable(Type.String()),
  status: StationStatus,
  open_now: Type.Boolean(),
  closes_in_min: Nullable(
    Type.Integer({ description: '开放中：还有多少分钟关门（24 小时开放为 null） Minutes until it closes while open' }),
  ),
};

export const NearbyItem = Type.Object({ ...located, distance_m: Type.Integer() });
export const NearbyList = Type.Object({ items: Type.Array(NearbyItem) });

export const StationParams = Strict({ id: Id });
export const StationQuery = Strict({ crs: Type.Optional(Crs) });

/** One Shanghai day of a station's week: its open intervals by its hours and our calendar. */
export const StationDay = Type.Object({
  date: Type.String({ format: 'date' }),
  weekday: Type.Integer({ minimum: 1, maximum: 7, description: '星期，1 = 周一 … 7 = 周日 ISO weekday' }),
  holiday: Nullable(Type.String({ description: '节假日名称（按本地区的日历） The public holiday there, by name' })),
  suspended: Type.Boolean({ description: '暂停开放期间 Within a temporary closure' }),
  intervals: Type.Array(Type.Tuple([Type.String(), Type.String()]), {
    description: '开放时段 [开始, 结束)，HH:mm，结束可为 24:00 Open intervals, end may be 24:00',
  }),
});

export const StationView = Type.Object({
  ...located,
  region_code: Type.String(),
  org_name: Type.String(),
  closed_until: Nullable(Type.String({ format: 'date' })),
  award: Nullable(Type.String()),
  award_year: Nullable(Type.Integer()),
  week: Type.Array(StationDay, {
    description: '今天起 7 天（上海时间）的开放时段 The hours of the next 7 Shanghai days, today first',
  }),
  /** The station's photos (public files of kind stations.photo), oldest first. */
  photos: Type.Array(Type.Object({ id: Type.String(), url: Type.String() })),
});

// ---- The registry (驿站管理): the console's list, record and writes (server/features/stations/registry*.ts).

const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: '日期 YYYY-MM-DD' });
const Amenity = Type.String({ maxLength: 40 });

/** The list's filters: the query of the list (with a cursor) and of its xlsx export. */
const REGISTRY_FILTERS = {
  q: Type.Optional(Type.String({ maxLength: 40, description: '名称或地址包含的文字 Text in the name or address' })),
  org_id: Type.Optional(Id),
  kind: Type.Optional(StationKind),
  status: Type.Optional(StationStatus),
  amenity: Type.Optional(Amenity),
  has_keeper: Type.Optional(Type.Boolean()),
  award: Type.Optional(Type.Boolean({ description: '只看最美驿站 Only award winners' })),
};
export const StationRegistryFilters = Strict(REGISTRY_FILTERS);
export const StationRegistryQuery = Strict({ ...REGISTRY_FILTERS, ...PageQuery });

/** A station as the registry lists it: WGS-84, with its org, keeper and what the caller may do. */
export const StationRegistryItem = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: StationKind,
  address: Type.String(),
  region_code: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  amenities: Type.Array(Type.String()),
  opening_hours: Type.String(),
  phone: Nullable(Type.String()),
  status: StationStatus,
  closed_until: Nullable(Type.String()),
  award: Nullable(Type.String()),
  award_year: Nullable(Type.Integer()),
  org_id: Type.Integer(),
  org_name: Type.String(),
  keeper_account_id: Nullable(Type.Integer()),
  keeper_name: Nullable(Type.String()),
  version: Type.Integer(),
  /** stations.manage over its org: every field; otherwise the caller is its keeper (operational fields only). */
  can_manage: Type.Boolean(),
});

/** One station for editing: the list's fields and its photos. */
export const StationRecord = Type.Object({
  ...StationRegistryItem.properties,
  photos: Type.Array(Type.Object({ id: Type.String(), url: Type.String(), thumb_url: Type.Optional(Type.String()) })),
  updated_at: Type.String(),
});

const STATION_FIELDS = {
  org_id: Id,
  kind: StationKind,
  name: Type.String({ minLength: 1, maxLength: 100 }),
  address: Type.String({ minLength: 1, maxLength: 200 }),
  region_code: Type.String({ pattern: '^[0-9]{6}$', description: '行政区划代码 GB/T 2260' }),
  lat: Type.Number({ minimum: -90, maximum: 90, description: '纬度，按 crs' }),
  lng: Type.Number({ minimum: -180, maximum: 180, description: '经度，按 crs' }),
  crs: Crs,
  amenities: Type.Array(Amenity, { maxItems: 18 }),
  opening_hours: Type.String({ maxLength: 255, description: 'OSM opening_hours' }),
  phone: Nullable(Type.String({ maxLength: 40 })),
  keeper_account_id: Nullable(Id),
  award_year: Nullable(Type.Integer({ minimum: 2000, maximum: 2100, description: '最美驿站年份；null 为无' })),
};

export const NewStationBody = Strict({
  org_id: STATION_FIELDS.org_id,
  kind: STATION_FIELDS.kind,
  name: STATION_FIELDS.name,
  address: STATION_FIELDS.address,
  region_code: STATION_FIELDS.region_code,
  lat: STATION_FIELDS.lat,
  lng: STATION_FIELDS.lng,
  crs: Type.Optional(Crs),
  amenities: Type.Optional(STATION_FIELDS.amenities),
  opening_hours: Type.Optional(STATION_FIELDS.opening_hours),
  phone: Type.Optional(STATION_FIELDS.phone),
  keeper_account_id: Type.Optional(STATION_FIELDS.keeper_account_id),
  award_year: Type.Optional(STATION_FIELDS.award_year),
  photos: Type.Optional(AttachmentRefs),
});

/**
 * An edit against the version read (a stale one is 409). A keeper may send only the operational
 * fields (opening_hours, amenities, phone, status, closed_until, photos); `lat`/`lng` come together, in `crs`.
 */
export const StationPatchBody = Strict({
  version: Type.Integer({ minimum: 1 }),
  org_id: Type.Optional(STATION_FIELDS.org_id),
  kind: Type.Optional(STATION_FIELDS.kind),
  name: Type.Optional(STATION_FIELDS.name),
  address: Type.Optional(STATION_FIELDS.address),
  region_code: Type.Optional(STATION_FIELDS.region_code),
  lat: Type.Optional(STATION_FIELDS.lat),
  lng: Type.Optional(STATION_FIELDS.lng),
  crs: Type.Optional(Crs),
  amenities: Type.Optional(STATION_FIELDS.amenities),
  opening_hours: Type.Optional(STATION_FIELDS.opening_hours),
  phone: Type.Optional(STATION_FIELDS.phone),
  keeper_account_id: Type.Optional(STATION_FIELDS.keeper_account_id),
  award_year: Type.Optional(STATION_FIELDS.award_year),
  status: Type.Optional(StationStatus),
  closed_until: Type.Optional(Nullable(IsoDate)),
  photos_add: Type.Optional(AttachmentRefs),
  photos_remove: Type.Optional(Type.Array(FileId, { maxItems: 6 })),
});

/** Who may be appointed keeper of a station of `org_id`: accounts holding stations.keep over it. */
export const KeeperQuery = Strict({ org_id: Id });
export const KeeperCandidate = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  display_name: Type.String(),
  org_name: Type.String(),
});
export const KeeperList = Type.Object({ items: Type.Array(KeeperCandidate) });

/** The form's live check of an opening_hours value, with the next 7 Shanghai days as it reads them. */
export const HoursCheckBody = Strict({
  opening_hours: Type.String({ maxLength: 300 }),
  region_code: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
});
export const HoursCheckDay = Type.Object({
  date: Type.String(),
  weekday: Type.Integer({ minimum: 0, maximum: 6, description: '0 = 周日' }),
  is_holiday: Type.Boolean(),
  /** Open intervals as `HH:MM-HH:MM` (24:00 for midnight). */
  intervals: Type.Array(Type.String()),
});
export const HoursCheckResult = Type.Object({
  ok: Type.Boolean(),
  error: Nullable(Type.String()),
  week: Type.Array(HoursCheckDay),
});

/** The public station feed for map apps and partners (server/features/stations/feed.ts). */
export const FEED_LIMIT_MAX = 5000;
export const FeedQuery = Strict({
  crs: Type.Optional(Crs),
  since: Type.Optional(
    Type.String({
      pattern: '^[0-9]{1,20}\\.[0-9]{1,10}$',
      description:
        '上次拉取返回的 next_since：只返回其后变更的驿站（含已撤销的） Resume after the last pull: only stations changed since, retired ones included',
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: FEED_LIMIT_MAX, default: 1000 })),
});

export const FeedStation = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: StationKind,
  address: Type.String(),
  region_code: Type.String(),
  org_name: Type.String(),
  lat: Type.Number({ description: '纬度，按请求的坐标系 Latitude in the requested crs' }),
  lng: Type.Number({ description: '经度，按请求的坐标系 Longitude in the requested crs' }),
  amenities: Type.Array(Type.String()),
  opening_hours: Type.String({ description: 'OSM opening_hours' }),
  phone: Nullable(Type.String()),
  status: StationStatus,
  closed_until: Nullable(Type.String({ format: 'date' })),
  updated_at: Type.String({ format: 'date-time' }),
});

const feedPaging = {
  crs: Crs,
  next_since: Type.String({ description: '下次增量拉取时作为 since 传回 Pass back as `since` on the next pull' }),
  has_more: Type.Boolean({ description: '还有更多：立即用 next_since 继续拉取 More now: pull again with next_since' }),
};
export const FeedJson = Type.Object({ items: Type.Array(FeedStation), ...feedPaging });
export const FeedGeoJson = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: Type.Integer(),
      geometry: Type.Object({
        type: Type.Literal('Point'),
        coordinates: Type.Tuple([Type.Number(), Type.Number()], { description: '[经度, 纬度] [lng, lat] in `crs`' }),
      }),
      properties: Type.Omit(FeedStation, ['id', 'lat', 'lng']),
    }),
  ),
  ...feedPaging,
});
