/**
 * The station registry's writes: create, edit against the version read (a stale one is 409), status
 * (temporarily closed until a date, retired), keeper and photos. Each in one transaction with its
 * audit entry; the node's index re-reads the station before the answer, so the next nearby search
 * here already sees it (the other nodes follow by NOTIFY, docs/decisions/0016).
 */
import type { Static } from '@sinclair/typebox';
import type { NewStationBody, StationPatchBody } from '../../../common/api/stations';
import { dayOfInstant, isoFromDay } from '../../../common/calendar/days';
import { AppError, type FieldErrors } from '../../../common/errors';
import { CHINA_BOUNDS, convertPoint, isInChinaBounds, type Crs, type LatLng } from '../../../common/geo';
import { checkOpeningHours } from '../../../common/opening-hours';
import { AMENITIES, isAmenity, type Amenity } from '../../../common/stations';
import { requireAccount, withTransaction, type Ctx } from '../../http/context';
import type { Updateable } from 'kysely';
import type { StationsTable } from '../../db/schema';
import { inScope } from '../../http/scope';
import { recordAudit } from '../audit/record';
import { attachFiles, removeFiles } from '../files/attach';
import { findRegion } from '../regions/regions';
import { registryAccessOf, STATION_PHOTOS } from './photos';
import { checkKeeperEdit } from './policy';
import { getRegistryStation } from './registry';
import * as q from './sql';

type NewStation = Static<typeof NewStationBody>;
type StationPatch = Static<typeof StationPatchBody>;

const blankToNull = (s: string | null | undefined) => (s == null || s.trim() === '' ? null : s.trim());
const PHONE = /^[0-9+\-() ]{3,40}$/;

/** A point entered in `crs`, checked against China's box (naming the field), as WGS-84. */
export function checkedLocation(lat: number, lng: number, crs: Crs, errors: FieldErrors): LatLng | undefined {
  const b = CHINA_BOUNDS;
  if (lat < b.minLat || lat > b.maxLat) errors.lat = `纬度不在中国境内（${b.minLat}°N–${b.maxLat}°N）`;
  if (lng < b.minLng || lng > b.maxLng) errors.lng = `经度不在中国境内（${b.minLng}°E–${b.maxLng}°E）`;
  if (!isInChinaBounds({ lat, lng })) return undefined;
  return convertPoint({ lat, lng }, crs, 'wgs84');
}

/** The checks of the fields any writer may send (the keeper's included); fills `set` and `errors`. */
function checkOperational(body: Partial<StationPatch>, set: Updateable<StationsTable>, errors: FieldErrors): void {
  if (body.opening_hours !== undefined) {
    const problem = checkOpeningHours(body.opening_hours);
    if (problem) errors.opening_hours = problem;
    else set.opening_hours = body.opening_hours.trim();
  }
  if (body.amenities !== undefined) {
    const unknown = body.amenities.find((a) => !isAmenity(a));
    if (unknown !== undefined)
      errors.amenities = `未知的设施“${unknown}”，可选：${Object.values(AMENITIES).join('、')}`;
    else set.amenities = [...new Set(body.amenities)] as Amenity[];
  }
  if (body.phone !== undefined) {
    const phone = blankToNull(body.phone);
    if (phone !== null && !PHONE.test(phone)) errors.phone = '电话只能包含数字、空格和 + - ( )';
    else set.phone = phone;
  }
}

/** The checks of the registry fields only stations.manage may send. */
function checkRegistryFields(body: Partial<StationPatch>, set: Updateable<StationsTable>, errors: FieldErrors): void {
  if (body.kind !== undefined) set.kind = body.kind;
  for (const key of ['name', 'address'] as const) {
    if (body[key] === undefined) continue;
    const text = body[key].trim();
    if (!text) errors[key] = key === 'name' ? '请填写名称' : '请填写地址';
    else set[key] = text;
  }
  if (body.region_code !== undefined) {
    if (!findRegion(body.region_code)) errors.region_code = '行政区划代码不存在，请从列表中选择';
    else set.region_code = body.region_code;
  }
  if ((body.lat === undefined) !== (body.lng === undefined)) {
    errors[body.lat === undefined ? 'lat' : 'lng'] = '纬度和经度须一起填写';
  } else if (body.lat !== undefined && body.lng !== undefined) {
    const point = checkedLocation(body.lat, body.lng, body.crs ?? 'wgs84', errors);
    if (point) Object.assign(set, point);
  }
  if (body.award_year !== undefined) {
    set.award = body.award_year === null ? null : 'most_beautiful';
    set.award_year = body.award_year;
  }
}

/** Whether `accountId` may keep a station at `orgPath` and the caller may appoint them. */
async function checkKeeper(tx: Ctx, accountId: number, orgPath: string, errors: FieldErrors): Promise<void> {
  const access = registryAccessOf(requireAccount(tx));
  const found = await q.findKeeperCandidates(tx.db, access.manage, orgPath, accountId);
  if (found.length === 0) errors.keeper_account_id = '该账号没有覆盖本驿站所属工会的驿站站长授权';
}

function throwIfAny(errors: FieldErrors): void {
  if (Object.keys(errors).length > 0) throw new AppError('validation_failed', errors);
}

/** 新建驿站: a station of an org in the caller's stations.manage scope, its point in any crs. */
export async function createStation(ctx: Ctx, body: NewStation) {
  const access = registryAccessOf(requireAccount(ctx));
  if (access.manage.paths.length === 0) throw new AppError('forbidden', undefined, '没有管理驿站的权限');
  const errors: FieldErrors = {};
  const set: Updateable<StationsTable> = {};
  checkRegistryFields(body, set, errors);
  checkOperational({ ...body, opening_hours: body.opening_hours ?? '24/7' }, set, errors);
  const id = await withTransaction(ctx, async (tx) => {
    const org = await q.findOrgInScope(tx.db, access.manage, body.org_id);
    if (!org) errors.org_id = '组织不存在';
    else if (org.status !== 'active') errors.org_id = '该组织已撤销';
    if (org && body.keeper_account_id) await checkKeeper(tx, body.keeper_account_id, org.path, errors);
    throwIfAny(errors);
    const id = await q.insertStation(tx.db, {
      ...(set as Required<Pick<StationsTable, 'kind' | 'name' | 'address' | 'region_code' | 'lat' | 'lng'>>),
      amenities: set.amenities ?? [],
      opening_hours: set.opening_hours ?? '24/7',
      phone: set.phone ?? null,
      award: set.award ?? null,
      award_year: set.award_year ?? null,
      org_id: org!.id,
      keeper_account_id: body.keeper_account_id ?? null,
    });
    const photos = await attachFiles(tx, STATION_PHOTOS, id, body.photos ?? [], 'photos');
    await recordAudit(tx, {
      action: 'stations.created',
      entityType: 'station',
      entityId: id,
      orgPath: org!.path,
      details: {
        name: set.name,
        org_id: org!.id,
        keeper_account_id: body.keeper_account_id ?? null,
        photos: photos.length,
      },
    });
    return id;
  });
  await ctx.state.stations.refresh([id]);
  return getRegistryStation(ctx, id);
}

/** The status and closed_until an edit leads to, checked together. */
function checkStatus(body: StationPatch, row: q.RegistryRow, set: Updateable<StationsTable>, errors: FieldErrors) {
  if (body.status === undefined && body.closed_until === undefined) return;
  const status = body.status ?? row.status;
  const until = body.closed_until !== undefined ? body.closed_until : status === row.status ? row.closed_until : null;
  if (status !== 'temporarily_closed' && until) errors.closed_until = '只有“暂停开放”的驿站可以填写截止日期';
  else if (until && until < isoFromDay(dayOfInstant(Date.now()))) errors.closed_until = '暂停开放截止日期不能早于今天';
  set.status = status;
  set.closed_until = status === 'temporarily_closed' ? (until ?? null) : null;
}

/**
 * 编辑驿站: the fields sent, against the version read. A keeper (not a manager of the station's
 * org) may send only the operational fields: anything else is 403 naming the field.
 */
export async function updateStationByCaller(ctx: Ctx, id: number, body: StationPatch) {
  const access = registryAccessOf(requireAccount(ctx));
  const { version, photos_add, photos_remove, keeper_account_id, org_id } = body;
  await withTransaction(ctx, async (tx) => {
    const row = await q.findRegistryStation(tx.db, access, id, { forUpdate: true });
    if (!row) throw new AppError('not_found');
    const canManage = inScope(access.manage, row.org_path);
    if (!canManage) checkKeeperEdit(body as Record<string, unknown>);
    if (row.version !== version) throw new AppError('stale_version');
    const errors: FieldErrors = {};
    const set: Updateable<StationsTable> = {};
    checkRegistryFields(body, set, errors);
    checkOperational(body, set, errors);
    checkStatus(body, row, set, errors);
    let orgPath = row.org_path;
    if (org_id !== undefined && org_id !== row.org_id) {
      const org = await q.findOrgInScope(tx.db, access.manage, org_id);
      if (!org) errors.org_id = '组织不存在';
      else if (org.status !== 'active') errors.org_id = '该组织已撤销';
      else {
        set.org_id = org.id;
        orgPath = org.path;
      }
    }
    if (keeper_account_id !== undefined) {
      // The same keeper sent back unchanged is not an appointment (unless the station moves).
      const isSame = keeper_account_id === row.keeper_account_id && orgPath === row.org_path;
      if (keeper_account_id !== null && !isSame) await checkKeeper(tx, keeper_account_id, orgPath, errors);
      set.keeper_account_id = keeper_account_id;
    }
    throwIfAny(errors);
    const before = row as unknown as Record<string, unknown>;
    const changes: Record<string, unknown> = {};
    for (const [key, to] of Object.entries(set)) {
      const from = before[key] ?? null;
      if (JSON.stringify(from) !== JSON.stringify(to ?? null)) changes[key] = { from, to: to ?? null };
    }
    const removed = photos_remove?.length ? await removeFiles(tx, STATION_PHOTOS, id, photos_remove) : [];
    const added = await attachFiles(tx, STATION_PHOTOS, id, photos_add ?? [], 'photos_add');
    if (removed.length || added.length) changes.photos = { added: added.map((f) => f.id), removed };
    if (Object.keys(changes).length === 0) return;
    await q.updateStation(tx.db, id, set);
    await recordAudit(tx, {
      action: set.status === 'retired' && row.status !== 'retired' ? 'stations.retired' : 'stations.updated',
      entityType: 'station',
      entityId: id,
      orgPath: row.org_path,
      details: { name: row.name, as_keeper: !canManage, changes },
    });
  });
  await ctx.state.stations.refresh([id]);
  return getRegistryStation(ctx, id);
}
