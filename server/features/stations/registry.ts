/**
 * The station registry's reads (驿站管理): the scoped list and record, the keeper candidates and
 * the form's live hours check. Writes are in registry-edit.ts.
 */
import type { Static } from '@sinclair/typebox';
import type { HoursCheckBody, StationRegistryFilters, StationRegistryQuery } from '../../../common/api/stations';
import { dayOfInstant, isoFromDay, weekdayOf } from '../../../common/calendar/days';
import { AppError } from '../../../common/errors';
import { likeEscape } from '../../../common/names';
import { checkOpeningHours, dayIntervals, type Interval } from '../../../common/opening-hours';
import type { StationKind, StationStatus } from '../../../common/stations';
import { requireAccount, type Ctx } from '../../http/context';
import { decodeCursor, toPage } from '../../http/pagination';
import { inScope } from '../../http/scope';
import { currentCalendar } from '../calendar/state';
import { listFiles } from '../files/attach';
import { keepsOrManagesStations, registryAccessOf, STATION_PHOTOS } from './photos';
import { holidaysOf } from './service';
import * as q from './sql';

/** The list's query as the SQL filter (the export reads the same filters). */
export function registryFilterOf(query: Static<typeof StationRegistryFilters>): q.RegistryFilter {
  const text = query.q?.trim();
  return {
    text: text ? likeEscape(text) : undefined,
    orgId: query.org_id,
    kind: query.kind,
    status: query.status,
    amenity: query.amenity,
    hasKeeper: query.has_keeper,
    award: query.award,
  };
}

/** A registry row as the API answers it; `can_manage` says whether every field is the caller's to edit. */
export function presentRegistryRow(row: q.RegistryRow, access: q.RegistryAccess) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as StationKind,
    address: row.address,
    region_code: row.region_code,
    lat: row.lat,
    lng: row.lng,
    amenities: row.amenities,
    opening_hours: row.opening_hours,
    phone: row.phone,
    status: row.status as StationStatus,
    closed_until: row.closed_until,
    award: row.award,
    award_year: row.award_year,
    org_id: row.org_id,
    org_name: row.org_name,
    keeper_account_id: row.keeper_account_id,
    keeper_name: row.keeper_name,
    version: row.version,
    can_manage: inScope(access.manage, row.org_path),
  };
}

/** Lists the stations the caller manages or keeps, filtered, newest first, by cursor. */
export async function listRegistry(ctx: Ctx, query: Static<typeof StationRegistryQuery>) {
  const access = registryAccessOf(requireAccount(ctx));
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor, ['int']);
  const rows = await q.findRegistryStations(ctx.db, access, { ...registryFilterOf(query), afterId: after?.[0], limit });
  const page = toPage(rows, limit, (r) => [r.id]);
  return { items: page.items.map((r) => presentRegistryRow(r, access)), next_cursor: page.next_cursor };
}

/** One station for editing, with its photos: missing and out of scope alike are `not_found`. */
export async function getRegistryStation(ctx: Ctx, id: number) {
  const access = registryAccessOf(requireAccount(ctx));
  const row = await q.findRegistryStation(ctx.db, access, id);
  if (!row) throw new AppError('not_found');
  const photos = (await listFiles(ctx, STATION_PHOTOS, id)).map((f) => ({
    id: f.id,
    url: f.url,
    ...(f.thumb_url ? { thumb_url: f.thumb_url } : {}),
  }));
  return { ...presentRegistryRow(row, access), photos, updated_at: new Date(row.updated_at).toISOString() };
}

/** Accounts that may keep a station of `orgId` and that the caller may appoint. */
export async function listKeeperCandidates(ctx: Ctx, orgId: number) {
  const access = registryAccessOf(requireAccount(ctx));
  const org = await q.findOrgInScope(ctx.db, access.manage, orgId);
  if (!org) throw new AppError('not_found');
  return { items: await q.findKeeperCandidates(ctx.db, access.manage, org.path) };
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const formatInterval = ([s, e]: Interval) => `${hhmm(s)}-${hhmm(e)}`;

/**
 * The form's check of an opening_hours value: the parser's explanation when it fails, else the
 * next 7 Shanghai days as the value reads them, with holidays (PH) from our calendar.
 */
export async function checkHours(ctx: Ctx, body: Static<typeof HoursCheckBody>) {
  requireAccount(ctx);
  if (!keepsOrManagesStations(ctx)) throw new AppError('forbidden');
  const error = checkOpeningHours(body.opening_hours);
  if (error) return { ok: false, error, week: [] };
  const isHoliday = holidaysOf((await currentCalendar(ctx)).cal)(body.region_code ?? '');
  const today = dayOfInstant(Date.now());
  const value = body.opening_hours.trim();
  const week = Array.from({ length: 7 }, (_, i) => {
    const day = today + i;
    const date = isoFromDay(day);
    const holiday = isHoliday(date);
    return {
      date,
      weekday: weekdayOf(day),
      is_holiday: holiday,
      intervals: dayIntervals(value, day, holiday).map(formatInterval),
    };
  });
  return { ok: true, error: null, week };
}
