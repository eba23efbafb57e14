import type { Insertable } from 'kysely';
import type { StationsTable } from '../../db/schema';
import type { Ctx } from '../../http/context';
import type { DemoWorld } from '../../http/feature';
import type { Amenity } from '../../../common/stations';
import { findAccountIdByUsername, insertStations } from './sql';

const OFFICE = 'Mo-Fr 08:00-18:00; PH off';
const LONG_DAY = 'Mo-Su 07:00-21:00';
const SEASONAL = 'Apr-Oct: Mo-Su 06:00-22:00; Nov-Mar: Mo-Su 07:00-20:00';
const SHOP = 'Mo-Sa 08:30-20:30; PH 09:00-17:00';

const BASIC: Amenity[] = ['water', 'hot_water', 'phone_charging', 'rest_area'];
const KITCHEN: Amenity[] = [...BASIC, 'microwave', 'fridge', 'air_conditioning'];
const FULL: Amenity[] = [...KITCHEN, 'toilet', 'first_aid', 'wifi', 'umbrella', 'ebike_charging', 'tyre_pump'];

type Demo = [
  name: string,
  address: string,
  lat: number,
  lng: number,
  hours: string,
  amenities: Amenity[],
  org?: string,
];

/**
 * 上饶市信州区's stations (DESIGN.md §8: the district has 72; a sample of 24 here), WGS-84 as a GPS
 * would read them, spread over the old town, the new districts by the high-speed station and the
 * edges where the logistics parks are.
 */
const XINZHOU: Demo[] = [
  ['信州区总工会职工服务中心驿站', '信州区五三大道 8 号', 28.4548, 117.9659, OFFICE, FULL],
  ['水南街道爱心驿站', '信州区水南街道滨江东路 12 号', 28.4215, 117.9712, LONG_DAY, KITCHEN, 'jx.sr.xz.sn'],
  ['万达广场户外劳动者驿站', '信州区五三大道与凤凰大道交叉口', 28.4612, 117.9525, '24/7', FULL],
  ['中山路工会驿站', '信州区中山路 156 号', 28.4489, 117.9592, SHOP, BASIC],
  ['胜利路环卫工人爱心驿站', '信州区胜利路 45 号', 28.4521, 117.9448, SEASONAL, [...BASIC, 'microwave', 'toilet']],
  [
    '带湖路快递小哥驿站',
    '信州区带湖路 66 号',
    28.4593,
    117.9717,
    '24/7',
    [...KITCHEN, 'ebike_charging', 'self_service_24h'],
    'jx.sr.xz.express',
  ],
  ['庆丰路工会驿站', '信州区庆丰路 201 号', 28.4432, 117.9531, OFFICE, KITCHEN],
  [
    '上饶站站前广场驿站',
    '信州区站前路 1 号上饶站东侧',
    28.4668,
    117.9872,
    '24/7',
    [...FULL, 'aed', 'mother_baby_room', 'self_service_24h'],
  ],
  ['信江书院旁爱心驿站', '信州区信江中路 19 号', 28.4457, 117.9392, LONG_DAY, [...BASIC, 'books', 'wifi']],
  ['东市街道职工之家驿站', '信州区东市街道解放路 88 号', 28.4503, 117.9638, OFFICE, BASIC],
  ['西市街道工会驿站', '信州区西市街道书院路 32 号', 28.4472, 117.9463, SHOP, KITCHEN],
  ['北门街道户外劳动者服务站', '信州区北门街道北门路 10 号', 28.4571, 117.9496, LONG_DAY, [...KITCHEN, 'toilet']],
  ['茅家岭街道爱心驿站', '信州区茅家岭街道茅家岭路 3 号', 28.4381, 117.9224, SEASONAL, BASIC],
  ['灵溪街道工会驿站', '信州区灵溪街道灵溪大道 120 号', 28.4689, 117.9311, OFFICE, [...KITCHEN, 'heating']],
  [
    '凤凰大道外卖骑手驿站',
    '信州区凤凰大道 333 号',
    28.4721,
    117.9582,
    '24/7',
    [...KITCHEN, 'ebike_charging', 'tyre_pump'],
    'jx.sr.xz.express',
  ],
  ['龙潭湖公园驿站', '信州区龙潭湖路 2 号', 28.4402, 117.9803, SEASONAL, [...BASIC, 'toilet', 'umbrella']],
  ['滨江西路环卫驿站', '信州区滨江西路 77 号', 28.4368, 117.9415, LONG_DAY, [...BASIC, 'microwave']],
  ['朝阳镇工会驿站', '信州区朝阳镇朝阳大道 6 号', 28.4105, 117.9937, OFFICE, BASIC],
  ['沙溪镇爱心驿站', '信州区沙溪镇沙溪大道 18 号', 28.3838, 118.0409, SHOP, KITCHEN],
  [
    '三清山大道快递驿站',
    '信州区三清山大道 560 号',
    28.4789,
    117.9965,
    '24/7',
    [...BASIC, 'ebike_charging'],
    'jx.sr.xz.express',
  ],
  ['紫阳大道工会驿站', '信州区紫阳大道 99 号', 28.4636, 117.9401, LONG_DAY, FULL],
  ['上饶市立医院旁爱心驿站', '信州区书院路 86 号', 28.4496, 117.9505, '24/7', [...BASIC, 'first_aid', 'aed']],
];

/** The demo's stations: 信州区's sample, one 司机之家, one 最美驿站 and one temporarily closed. */
export async function seedDemoStations(tx: Ctx, world: DemoWorld): Promise<void> {
  const county = world.orgIds.get('jx.sr.xz');
  if (county === undefined) return;
  const rows: Insertable<StationsTable>[] = XINZHOU.map(([name, address, lat, lng, hours, amenities, org]) => ({
    org_id: world.orgIds.get(org ?? 'jx.sr.xz') ?? county,
    kind: 'outdoor_worker',
    name,
    address,
    region_code: '361102',
    lat,
    lng,
    amenities,
    opening_hours: hours,
    phone: hours === OFFICE ? '12351' : null,
  }));
  rows[0] = { ...rows[0]!, award: 'most_beautiful', award_year: 2025 };
  // Closed for a refit until the end of next month: still listed, never "open now".
  rows[10] = { ...rows[10]!, status: 'temporarily_closed', closed_until: nextMonthEnd() };
  rows.push({
    org_id: county,
    kind: 'driver_home',
    name: '上饶国际物流园司机之家',
    address: '信州区朝阳产业园物流大道 1 号',
    region_code: '361102',
    lat: 28.4031,
    lng: 117.9784,
    amenities: [...FULL, 'heating', 'self_service_24h'],
    opening_hours: '24/7',
    phone: '12351',
  });
  await insertStations(tx.db, rows);
  await seedXingfuStations(tx, world);
}

/**
 * 宿迁市宿城区幸福街道's stations, kept by the demo keeper `xingfu_keeper` (so signing in as the keeper
 * shows real work: their stations' hours, amenities and status), WGS-84.
 */
async function seedXingfuStations(tx: Ctx, world: DemoWorld): Promise<void> {
  const street = world.orgIds.get('js.sq.sc.xf');
  if (street === undefined) return;
  const keeper = await findAccountIdByUsername(tx.db, 'xingfu_keeper');
  const XINGFU: Demo[] = [
    ['幸福街道总工会爱心驿站', '宿城区幸福中路 18 号幸福街道便民服务中心一楼', 33.9512, 118.2921, OFFICE, FULL],
    [
      '幸福路外卖骑手驿站',
      '宿城区幸福北路与发展大道交叉口东南角',
      33.9568,
      118.2857,
      '24/7',
      [...KITCHEN, 'ebike_charging'],
    ],
    [
      '阅湖社区户外劳动者驿站',
      '宿城区幸福街道阅湖社区服务站',
      33.9447,
      118.2983,
      SHOP,
      [...BASIC, 'toilet', 'umbrella'],
    ],
  ];
  await insertStations(
    tx.db,
    XINGFU.map(([name, address, lat, lng, hours, amenities]) => ({
      org_id: street,
      kind: 'outdoor_worker' as const,
      name,
      address,
      region_code: '321302',
      lat,
      lng,
      amenities,
      opening_hours: hours,
      phone: hours === OFFICE ? '12351' : null,
      keeper_account_id: keeper?.id ?? null,
    })),
  );
}

/** The last day of next month, Shanghai time, as `YYYY-MM-DD`. */
function nextMonthEnd(): string {
  const now = new Date(Date.now() + 8 * 3_600_000);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 0)).toISOString().slice(0, 10);
}
