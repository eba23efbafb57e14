import type { Static } from '@sinclair/typebox';
import type {
  CheckInAnswer,
  CheckInBody,
  VisitCounts,
  VisitCountsQuery,
  VisitsToday,
} from '../../../common/api/station-visits';
import { dayOfInstant, isoFromDay, parseIsoDate } from '../../../common/calendar/days';
import { AppError } from '../../../common/errors';
import { OCCUPATION_CODES, type Occupation } from '../../../common/members';
import { COUNTS_MAX_DAYS } from '../../../common/station-visits';
import { requireAccount, type Ctx } from '../../http/context';
import { seesAnyStation, stationsSeenBy, VISIT_WINDOW_MS, type StationsSeen } from './policy';
import * as q from './sql';

const HOUR_MS = 3_600_000;
const COUNTED = '打卡成功，感谢您的到访';
const NOT_AGAIN = '一小时内已打过卡，本次不重复计数';

/**
 * Who is checking in, as a keyed hash (never the phone or the token itself): the signed-in worker
 * by their phone's blind index, anyone else by the random token the H5 keeps on the phone.
 */
function visitorHash(ctx: Ctx, token: string | undefined): { hash: Buffer; signedIn: boolean } {
  if (ctx.actor?.kind === 'worker')
    return { hash: ctx.cipher.blindIndex(`visit|worker|${ctx.actor.phoneHash.toString('hex')}`), signedIn: true };
  if (!token) throw new AppError('validation_failed', { visitor_token: '未登录时须提供访客标识（请刷新页面重试）' });
  return { hash: ctx.cipher.blindIndex(`visit|token|${token}`), signedIn: false };
}

/**
 * 打卡: counts a visit with the visitor's occupation, at most once per person per station per hour
 * (a second within the hour is answered kindly and not stored; the unique key on the clock hour
 * settles requests that race). Runs inside the idempotent write's transaction. The caller's address
 * and position are neither asked for nor stored.
 */
export async function checkIn(
  tx: Ctx,
  stationId: number,
  body: Static<typeof CheckInBody>,
  nowMs = Date.now(),
): Promise<Static<typeof CheckInAnswer>> {
  const station = await q.findPublicStation(tx.db, stationId);
  if (!station) throw new AppError('not_found');
  const { hash, signedIn } = visitorHash(tx, body.visitor_token);
  const now = new Date(nowMs);
  const answer = (counted: boolean, at: Date) => ({
    counted,
    message: counted ? COUNTED : NOT_AGAIN,
    station_name: station.name,
    visited_at: at.toISOString(),
  });
  const recent = await q.findRecentVisit(tx.db, stationId, hash, new Date(nowMs - VISIT_WINDOW_MS));
  if (recent) return answer(false, new Date(recent.visited_at));
  const inserted = await q.insertVisit(tx.db, {
    station_id: stationId,
    occupation: body.occupation,
    visitor_hash: hash,
    signed_in: signedIn,
    visited_at: now,
    hour_start: new Date(Math.floor(nowMs / HOUR_MS) * HOUR_MS),
    day: isoFromDay(dayOfInstant(nowMs)),
  });
  return answer(inserted !== undefined, now);
}

/** The account's view of stations, or 403 when it neither manages nor keeps any. */
function seenOrForbidden(ctx: Ctx): StationsSeen {
  const seen = stationsSeenBy(requireAccount(ctx));
  if (!seesAnyStation(seen)) throw new AppError('forbidden');
  return seen;
}

/** The account's view of stations; one that sees none finds nothing (404, like a missing station). */
function seenOrHidden(ctx: Ctx): StationsSeen {
  const seen = stationsSeenBy(requireAccount(ctx));
  if (!seesAnyStation(seen)) throw new AppError('not_found');
  return seen;
}

/** The period's days, checked: real dates, from ≤ to, at most COUNTS_MAX_DAYS. */
function checkedPeriod(from: string, to: string): { first: number; last: number } {
  const first = parseIsoDate(from);
  const last = parseIsoDate(to);
  if (first === null) throw new AppError('validation_failed', { from: '日期不存在' });
  if (last === null) throw new AppError('validation_failed', { to: '日期不存在' });
  if (last < first) throw new AppError('validation_failed', { to: '结束日期不能早于开始日期' });
  if (last - first + 1 > COUNTS_MAX_DAYS)
    throw new AppError('validation_failed', { to: `统计期间最长 ${COUNTS_MAX_DAYS} 天` });
  return { first, last };
}

/** Where the counts look: one station, an org's subtree, or every station the account sees. */
async function visitFilter(ctx: Ctx, seen: StationsSeen, query: { station_id?: number; org_id?: number }) {
  const f: q.VisitFilter = {};
  if (query.station_id !== undefined) {
    if (!(await q.findSeenStation(ctx.db, seen, query.station_id))) throw new AppError('not_found');
    f.stationId = query.station_id;
  }
  if (query.org_id !== undefined) {
    const org = await q.findSeenOrg(ctx.db, seen, query.org_id);
    if (!org) throw new AppError('not_found');
    f.orgPath = org.path;
  }
  return f;
}

/** 驿站服务统计: visits by Shanghai day and occupation over a period, for the stations the account sees. */
export async function getVisitCounts(
  ctx: Ctx,
  query: Static<typeof VisitCountsQuery>,
): Promise<Static<typeof VisitCounts>> {
  const seen = seenOrForbidden(ctx);
  const { first, last } = checkedPeriod(query.from, query.to);
  const f = await visitFilter(ctx, seen, query);
  const rows = await q.countVisits(ctx.db, seen, f, query.from, query.to);
  const byOccupation = new Map<Occupation, number>();
  const byDay = new Map<string, number>();
  for (const r of rows) {
    byOccupation.set(r.occupation, (byOccupation.get(r.occupation) ?? 0) + r.visits);
    byDay.set(r.day, (byDay.get(r.day) ?? 0) + r.visits);
  }
  const days: Array<{ day: string; visits: number }> = [];
  for (let d = first; d <= last; d++) days.push({ day: isoFromDay(d), visits: byDay.get(isoFromDay(d)) ?? 0 });
  return {
    from: query.from,
    to: query.to,
    stations: await q.countStations(ctx.db, seen, f),
    total: rows.reduce((n, r) => n + r.visits, 0),
    by_occupation: OCCUPATION_CODES.filter((o) => byOccupation.has(o)).map((o) => ({
      occupation: o,
      visits: byOccupation.get(o)!,
    })),
    by_day: days,
    rows: rows.map((r) => ({ day: r.day, occupation: r.occupation, visits: r.visits })),
  };
}

/** A station's visits today (Shanghai): the count by occupation and the times, nothing about who. */
export async function getVisitsToday(
  ctx: Ctx,
  stationId: number,
  nowMs = Date.now(),
): Promise<Static<typeof VisitsToday>> {
  const seen = seenOrHidden(ctx);
  const station = await q.findSeenStation(ctx.db, seen, stationId);
  if (!station) throw new AppError('not_found');
  const day = isoFromDay(dayOfInstant(nowMs));
  const visits = await q.findVisitsOfDay(ctx.db, stationId, day);
  const counts = new Map<Occupation, number>();
  for (const v of visits) counts.set(v.occupation, (counts.get(v.occupation) ?? 0) + 1);
  return {
    station_id: station.id,
    station_name: station.name,
    day,
    total: visits.length,
    by_occupation: OCCUPATION_CODES.filter((o) => counts.has(o)).map((o) => ({
      occupation: o,
      visits: counts.get(o)!,
    })),
    times: visits.map((v) => ({ at: new Date(v.visited_at).toISOString(), occupation: v.occupation })),
  };
}

/** The stations the account sees, by name (the console's picker): kept ones first, at most 50. */
export async function listSeenStations(ctx: Ctx, text: string | undefined) {
  const seen = seenOrForbidden(ctx);
  return { items: await q.findSeenStations(ctx.db, seen, text?.trim() || undefined, 50) };
}
