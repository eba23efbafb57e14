/**
 * Stations' closed lists (GLOSSARY.md "Stations"), with their Chinese labels: the API validates with
 * them, the database checks them (migration 2026-12-02T1100-stations.sql), the H5 and the console label
 * with them. Adding a value means adding it here, to GLOSSARY.md and to the table's CHECK.
 */

/** 工会驿站 / 爱心驿站 / 户外劳动者服务站点 are one kind; 司机之家 (for truck drivers) the other. */
export const STATION_KINDS = {
  outdoor_worker: '工会驿站（户外劳动者服务站点）',
  driver_home: '司机之家',
} as const;
export type StationKind = keyof typeof STATION_KINDS;
export const STATION_KIND_CODES = Object.keys(STATION_KINDS) as StationKind[];

/** 设施: what a rider filters by ("has a microwave", "can charge my e-bike"). */
export const AMENITIES = {
  water: '饮用水',
  hot_water: '热水',
  microwave: '微波炉',
  fridge: '冰箱',
  phone_charging: '手机充电',
  ebike_charging: '电动车充电',
  toilet: '卫生间',
  rest_area: '休息区',
  air_conditioning: '空调',
  heating: '取暖',
  first_aid: '急救药箱',
  aed: 'AED 除颤仪',
  wifi: '无线网络',
  books: '图书',
  umbrella: '爱心雨伞',
  tyre_pump: '打气筒',
  mother_baby_room: '母婴室',
  self_service_24h: '24 小时自助',
} as const;
export type Amenity = keyof typeof AMENITIES;
export const AMENITY_CODES = Object.keys(AMENITIES) as Amenity[];
const AMENITY_SET: ReadonlySet<string> = new Set(AMENITY_CODES);
export const isAmenity = (s: string): s is Amenity => AMENITY_SET.has(s);

/**
 * open: in service (its hours say when); temporarily_closed: out of service until `closed_until`
 * (inclusive, a Shanghai date; none: until further notice), still listed so a rider learns why;
 * retired: gone, kept for its visits' history and never answered to the public.
 */
export const STATION_STATUSES = {
  open: '开放',
  temporarily_closed: '暂停开放',
  retired: '已撤销',
} as const;
export type StationStatus = keyof typeof STATION_STATUSES;
export const STATION_STATUS_CODES = Object.keys(STATION_STATUSES) as StationStatus[];

/** The award a station can carry, with its year. */
export const STATION_AWARDS = { most_beautiful: '最美驿站' } as const;
export type StationAward = keyof typeof STATION_AWARDS;

/** The nearby search's bounds (DESIGN.md §5): at most 50 answers, at most 50 km away. */
export const NEARBY_LIMIT_MAX = 50;
export const NEARBY_LIMIT_DEFAULT = 10;
export const NEARBY_RADIUS_MAX_M = 50_000;
export const NEARBY_RADIUS_DEFAULT_M = 5_000;

/** The 1 km service circle (1公里服务圈) and the 15-minute walk (≈ 1.2 km). */
export const SERVICE_RADIUS_M = 1_000;
export const WALK_15_MIN_M = 1_200;
