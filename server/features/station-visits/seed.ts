import type { Insertable } from 'kysely';
import { dayOfInstant, isoFromDay, startOfDay, weekdayOf } from '../../../common/calendar/days';
import type { Occupation } from '../../../common/members';
import type { ProblemKind } from '../../../common/station-visits';
import type { StationVisitsTable } from '../../db/schema';
import type { Ctx } from '../../http/context';
import type { DemoWorld } from '../../http/feature';
import { maskPhone } from '../../lib/crypto';
import { maskDigitRuns } from '../../../common/station-visits';
import * as q from './sql';

const HOUR_MS = 3_600_000;
const DAYS = 30;

/** Who stops at a station, roughly: riders and couriers most, then sanitation workers and drivers. */
const MIX: Array<[Occupation, number]> = [
  ['delivery_rider', 34],
  ['courier', 20],
  ['sanitation_worker', 15],
  ['ride_hailing_driver', 8],
  ['employee', 8],
  ['truck_driver', 5],
  ['domestic_worker', 4],
  ['other', 6],
];
const MIX_TOTAL = MIX.reduce((n, [, w]) => n + w, 0);

/** A small deterministic generator, so the demo reads the same after every reset. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

function occupationOf(r: number): Occupation {
  let x = r * MIX_TOTAL;
  for (const [o, w] of MIX) if ((x -= w) < 0) return o;
  return 'other';
}

const REVIEWS: Array<[number, string | null]> = [
  [5, '夏天有空调有热水，送餐间隙能歇一会儿，站长很热情。'],
  [4, '微波炉好用，就是中午人多要排队。'],
  [5, null],
  [3, '充电插座有点少，希望多装几个。有事可以打我电话 13812345678 。'],
  [4, '环境干净，饮水机每天都有人换水。'],
  [5, '下雨天借了把爱心雨伞，感谢！'],
  [2, '上周六下午去了没开门。'],
];

const PROBLEMS: Array<[ProblemKind, string, string | null]> = [
  ['broken_appliance', '微波炉按下启动键没有反应，已经两天了，中午热饭的骑手很多。', '13912345678'],
  ['closed_when_open', '牌子上写 8 点开门，9 点半来还锁着门。', null],
  ['unsafe', '门口的电动车充电线拖在地上，下雨天容易漏电。', null],
  ['broken_appliance', '饮水机不出热水。', null],
];

/**
 * The demo's visits, ratings and problems: 30 days of check-ins on the stations kept by
 * xingfu_keeper and on 信州区's (more on weekdays, today's up to now), ratings by demo members
 * and open problems waiting for the keeper and for `xinzhou`.
 */
export async function seedDemoStationVisits(tx: Ctx, world: DemoWorld): Promise<void> {
  const stations = await q.findDemoStations(tx.db, 'xingfu_keeper', world.orgIds.get('jx.sr.xz'));
  if (stations.length === 0) return;
  const rnd = random(20261202);
  const nowMs = Date.now();
  const today = dayOfInstant(nowMs);
  let n = 0;
  const rows: Insertable<StationVisitsTable>[] = [];
  for (const station of stations) {
    const size = 0.6 + rnd() * 0.9; // a busy crossing or a quiet corner
    for (let day = today - DAYS + 1; day <= today; day++) {
      const weekday = weekdayOf(day);
      const weekend = weekday === 0 || weekday === 6;
      const visits = Math.round((weekend ? 4 : 11) * size * (0.7 + rnd() * 0.6));
      for (let i = 0; i < visits; i++) {
        // 07:00–21:00, busiest around the lunch and supper rushes.
        const hour = 7 + Math.floor(rnd() < 0.5 ? 4 + rnd() * 3 : rnd() * 14);
        const at = startOfDay(day) + hour * HOUR_MS + Math.floor(rnd() * HOUR_MS);
        if (at > nowMs) continue;
        rows.push({
          station_id: station.id,
          occupation: occupationOf(rnd()),
          visitor_hash: tx.cipher.blindIndex(`visit|demo|${++n}`),
          signed_in: rnd() < 0.3,
          visited_at: new Date(at),
          hour_start: new Date(Math.floor(at / HOUR_MS) * HOUR_MS),
          day: isoFromDay(day),
        });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 2000) await q.insertVisits(tx.db, rows.slice(i, i + 2000));

  const raters = await q.findDemoMemberPhones(tx.db, 24);
  const reviewed = stations.slice(0, 8);
  await q.insertReviews(
    tx.db,
    raters.map((r, i) => {
      const [rating, comment] = REVIEWS[i % REVIEWS.length]!;
      return {
        station_id: reviewed[i % reviewed.length]!.id,
        rater_hash: tx.cipher.blindIndex(`review|${r.phone_hash!.toString('hex')}`),
        rating,
        comment_enc: comment && tx.cipher.encrypt(comment),
        comment_public: comment && maskDigitRuns(comment),
      };
    }),
  );

  const kept = stations.filter((s) => s.kept);
  const others = stations.filter((s) => !s.kept);
  const targets = [...kept.slice(0, 2), ...others.slice(0, 2)];
  await q.insertProblems(
    tx.db,
    targets.map((s, i) => {
      const [kind, description, phone] = PROBLEMS[i % PROBLEMS.length]!;
      return {
        station_id: s.id,
        kind,
        description,
        contact_phone_enc: phone && tx.cipher.encrypt(phone),
        contact_phone_masked: phone && maskPhone(phone),
        signed_in: false,
      };
    }),
  );
}
