import type { RiderPosition } from './h5-position';

/**
 * Places a rider can pick when the phone will not say where it is: the district's centres and
 * landmarks (WGS-84). The demo's district, 上饶市信州区; a deployment elsewhere lists its own.
 */
export interface Place {
  name: string;
  hint: string;
  position: RiderPosition;
}

const at = (lat: number, lng: number): RiderPosition => ({ lat, lng, crs: 'wgs84' });

export const PLACES: readonly Place[] = [
  { name: '信州区总工会（五三大道）', hint: '上饶市信州区', position: at(28.4548, 117.9659) },
  { name: '上饶站', hint: '信州区站前路', position: at(28.4668, 117.9872) },
  { name: '万达广场', hint: '信州区五三大道', position: at(28.4612, 117.9525) },
  { name: '中山路', hint: '信州区老城', position: at(28.4489, 117.9592) },
  { name: '龙潭湖公园', hint: '信州区龙潭湖路', position: at(28.4402, 117.9803) },
  { name: '水南街道', hint: '信州区滨江东路', position: at(28.4215, 117.9712) },
  { name: '灵溪街道', hint: '信州区灵溪大道', position: at(28.4689, 117.9311) },
  { name: '茅家岭街道', hint: '信州区茅家岭路', position: at(28.4381, 117.9224) },
  { name: '朝阳镇', hint: '信州区朝阳大道', position: at(28.4105, 117.9937) },
  { name: '沙溪镇', hint: '信州区沙溪大道', position: at(28.3838, 118.0409) },
  { name: '上饶国际物流园', hint: '信州区朝阳产业园', position: at(28.4031, 117.9784) },
];

/** The district's centre: where the station search and an empty map start. */
export const DISTRICT_CENTRE = PLACES[0]!.position;
