import type { Static } from '@sinclair/typebox';
import type { NearbyItem, NearbyQuery, StationView } from '../../../common/api/stations';
import { dayOfInstant, isoFromDay, weekdayOf, type DayNumber } from '../../../common/calendar/days';
import { dayOf, type WorkCalendar } from '../../../common/calendar/work-calendar';
import { AppError } from '../../../common/errors';
import {
  CHINA_BOUNDS,
  convertPoint,
  distanceMeters,
  isInChinaBounds,
  type Crs,
  type LatLng,
} from '../../../common/geo';
import { dayIntervals, hoursStatus, type HoursStatus } from '../../../common/opening-hours';
import { isAmenity, NEARBY_LIMIT_DEFAULT, NEARBY_RADIUS_DEFAULT_M, type Amenity } from '../../../common/stations';
import type { Ctx } from '../../http/context';
import { currentCalendar } from '../calendar/state';
import { listStationPhotos } from './photos';
import * as q from './sql';
import { amenityMask, hoursOfKey, toIndexed, type IndexedStation, type Nearest, type OpenCheck } from './station-index';

type NearbyInput = Static<typeof NearbyQuery>;

/** Where the nearest stations come from: the node's index, or the database alone (the benchmark compares them). */
export type NearbySource = 'index' | 'database';

/**
 * Whether a date is a public holiday ("PH") in a region, by our calendar: a listed day off (法定节假日
 * and the 调休 days off around it), not a plain weekend. Memoised per request, outside the covered years: none.
 */
export function holidaysOf(cal: WorkCalendar) {
  const memo = new Map<string, boolean>();
  return (regionCode: string) => (date: string) => {
    const key = `${regionCode}|${date}`;
    let isHoliday = memo.get(key);
    if (isHoliday === undefined) {
      isHoliday = holidayName(cal, regionCode, date) !== null;
      memo.set(key, isHoliday);
    }
    return isHoliday;
  };
}

/** The public holiday's name (国庆节, or a region's own) when the date is one there, else null. */
function holidayName(cal: WorkCalendar, regionCode: string, date: string): string | null {
  try {
    const day = dayOf(cal, date, regionCode);
    return !day.is_workday && day.source !== null ? day.label || '节假日' : null;
  } catch {
    return null;
  }
}

/** Hours evaluated now; a value stored before it was checked (an operator's SQL) reads as closed. */
function hoursNow(hours: string, nowMs: number, isHoliday: (date: string) => boolean, at?: LatLng): HoursStatus {
  try {
    return hoursStatus(hours, nowMs, isHoliday, at);
  } catch {
    return { is_open: false, closes_in_min: null };
  }
}

/** A station's state now: closed while temporarily closed (through its until-date), else by its hours. */
function statusNow(s: IndexedStation, nowMs: number, isHoliday: (date: string) => boolean): HoursStatus {
  if (s.status === 'temporarily_closed' && (s.closedThrough === null || s.closedThrough >= dayOfInstant(nowMs)))
    return { is_open: false, closes_in_min: null };
  return hoursNow(s.opening_hours, nowMs, isHoliday, s);
}

/** The query's point in WGS-84, after the checks a 422 names. */
function checkedPoint(input: NearbyInput): LatLng {
  const point = { lat: input.lat, lng: input.lng };
  if (!isInChinaBounds(point)) {
    const fields: Record<string, string> = {};
    const b = CHINA_BOUNDS;
    if (point.lat < b.minLat || point.lat > b.maxLat) fields.lat = `纬度不在中国境内（${b.minLat}°N–${b.maxLat}°N）`;
    if (point.lng < b.minLng || point.lng > b.maxLng) fields.lng = `经度不在中国境内（${b.minLng}°E–${b.maxLng}°E）`;
    throw new AppError('validation_failed', fields);
  }
  return convertPoint(point, input.crs ?? 'wgs84', 'wgs84');
}

function checkedAmenities(input: NearbyInput): Amenity[] {
  const amenities = input.amenity ?? [];
  const unknown = amenities.find((a) => !isAmenity(a));
  if (unknown !== undefined) throw new AppError('validation_failed', { amenity: `未知的设施“${unknown}”` });
  return amenities as Amenity[];
}

/** Pages through the database's nearest stations until `limit` pass `accept` (the database-only search). */
async function nearestInDatabase(
  ctx: Ctx,
  point: LatLng,
  p: { limit: number; radiusM: number; amenities: Amenity[] },
  accept: (s: IndexedStation) => boolean,
): Promise<Nearest[]> {
  const found: Nearest[] = [];
  const page = Math.max(4 * p.limit, 40);
  for (let offset = 0; ; offset += page) {
    const rows = await q.findNearestInDatabase(ctx.db, { ...point, ...p, limit: page, offset });
    for (const row of rows) {
      const s = toIndexed(row);
      if (accept(s)) found.push({ station: s, distanceM: distanceMeters(point, s) });
      if (found.length === p.limit) return found;
    }
    if (rows.length < page) return found;
  }
}

/**
 * The node's hours states for one minute and one calendar, shared by every search in that minute:
 * stations with the same hours in the same region read the same then (their `hoursKey`), so each is
 * evaluated once a minute rather than once a search.
 */
interface MinuteStates {
  at: number;
  cal: WorkCalendar;
  byKey: Map<number, HoursStatus>;
  holidays: ReturnType<typeof holidaysOf>;
}
let minute: MinuteStates | null = null;

function minuteOf(cal: WorkCalendar, nowMs: number): MinuteStates {
  const at = Math.floor(nowMs / 60_000);
  if (!minute || minute.at !== at || minute.cal !== cal)
    minute = { at, cal, byKey: new Map(), holidays: holidaysOf(cal) };
  return minute;
}

/** The state of every station of one hours key (in service, plain hours) in this minute. */
function keyStatus(m: MinuteStates, key: number): HoursStatus {
  let st = m.byKey.get(key);
  if (!st) {
    const { opening_hours, region_code } = hoursOfKey(key);
    m.byKey.set(key, (st = hoursNow(opening_hours, m.at * 60_000, m.holidays(region_code))));
  }
  return st;
}

/** A station's state at `nowMs`: by its key when that says it all, else by itself. */
function stationStatus(m: MinuteStates, nowMs: number, s: IndexedStation): HoursStatus {
  if (s.status === 'temporarily_closed' || s.hoursKey < 0) return statusNow(s, nowMs, m.holidays(s.region_code));
  return keyStatus(m, s.hoursKey);
}

// The index's open check, made once: it reads the search now running (searches are synchronous, and
// `searching` is set just before one), so no function is made per request.
let searching: { m: MinuteStates; nowMs: number } = { m: null!, nowMs: 0 };
const OPEN_NOW: OpenCheck = {
  byKey: (key) => keyStatus(searching.m, key).is_open,
  station: (s) => stationStatus(searching.m, searching.nowMs, s).is_open,
};

/**
 * The nearest stations to a point given in any crs (DESIGN.md §5): within the radius, holding every
 * amenity asked for, open now (Shanghai time, holidays by our calendar) when asked, nearest first,
 * answered in the caller's crs. The caller's point is neither logged nor stored.
 */
export async function findNearbyStations(
  ctx: Ctx,
  input: NearbyInput,
  source: NearbySource = 'index',
  nowMs = Date.now(),
): Promise<{ items: Static<typeof NearbyItem>[] }> {
  const point = checkedPoint(input);
  const amenities = checkedAmenities(input);
  const crs: Crs = input.crs ?? 'wgs84';
  const limit = input.limit ?? NEARBY_LIMIT_DEFAULT;
  const radiusM = input.radius_m ?? NEARBY_RADIUS_DEFAULT_M;
  const mask = amenityMask(amenities);
  const m = minuteOf((await currentCalendar(ctx)).cal, nowMs);

  const index = ctx.state.stations;
  let nearest: Nearest[];
  if (source === 'index' && index.isServing()) {
    searching = { m, nowMs };
    nearest = index.nearest(point, limit, radiusM, mask, input.open_now ? OPEN_NOW : null);
  } else {
    // The fallback pages through the database (awaits between pages): its own closure, not OPEN_NOW.
    const accept = (s: IndexedStation) =>
      (s.amenityMask & mask) === mask && (!input.open_now || stationStatus(m, nowMs, s).is_open);
    nearest = await nearestInDatabase(ctx, point, { limit, radiusM, amenities }, accept);
  }
  return {
    items: nearest.map(({ station: s, distanceM }) => ({
      ...present(s, crs, stationStatus(m, nowMs, s)),
      distance_m: Math.round(distanceM),
    })),
  };
}

function present(s: IndexedStation, crs: Crs, st: HoursStatus) {
  const { lat, lng } = convertPoint({ lat: s.lat, lng: s.lng }, 'wgs84', crs);
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    address: s.address,
    lat,
    lng,
    amenities: s.amenities,
    opening_hours: s.opening_hours,
    phone: s.phone,
    status: s.status,
    open_now: st.is_open,
    closes_in_min: st.closes_in_min,
  };
}

/** One station as the public sees it (not retired), in the caller's crs. */
export async function getPublicStation(ctx: Ctx, id: number, crs: Crs = 'wgs84'): Promise<Static<typeof StationView>> {
  const row = await q.findPublicStation(ctx.db, id);
  if (!row) throw new AppError('not_found');
  const s = toIndexed(row);
  const { cal } = await currentCalendar(ctx);
  const nowMs = Date.now();
  return {
    ...present(s, crs, statusNow(s, nowMs, holidaysOf(cal)(s.region_code))),
    region_code: s.region_code,
    org_name: row.org_name,
    closed_until: row.closed_until,
    award: row.award,
    award_year: row.award_year,
    week: weekOf(s, cal, dayOfInstant(nowMs)),
    photos: await listStationPhotos(ctx, id),
  };
}

const WEEK_DAYS = 7;
const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/**
 * The station's hours for the next 7 Shanghai days from `today`, by day: holidays named from our
 * calendar, the days of a temporary closure marked and without hours.
 */
function weekOf(s: IndexedStation, cal: WorkCalendar, today: DayNumber): Static<typeof StationView>['week'] {
  return Array.from({ length: WEEK_DAYS }, (_, i) => {
    const day = today + i;
    const date = isoFromDay(day);
    const holiday = holidayName(cal, s.region_code, date);
    const suspended = s.status === 'temporarily_closed' && (s.closedThrough === null || s.closedThrough >= day);
    let intervals: Array<[string, string]> = [];
    if (!suspended) {
      try {
        intervals = dayIntervals(s.opening_hours, day, holiday !== null, s).map(([from, to]) => [hhmm(from), hhmm(to)]);
      } catch {
        // A value stored before it was checked: no hours rather than a failed page (as statusNow).
      }
    }
    return { date, weekday: weekdayOf(day) || 7, holiday, suspended, intervals };
  });
}
