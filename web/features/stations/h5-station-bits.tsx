import { Tag } from 'antd-mobile';
import { AMENITIES, isAmenity } from '../../../common/stations';
import { getLang } from '../../lib/i18n';
import { AMENITY_EN, t } from './h5-messages';
import { bearingDegrees, compassOf, formatDistance } from './h5-position';
import type { LatLng } from '../../../common/geo';

/** The pieces the finder's list, its map and the station page share. */

export function amenityLabel(code: string): string {
  if (!isAmenity(code)) return code;
  return getLang() === 'zh' ? AMENITIES[code] : AMENITY_EN[code];
}

interface Openness {
  status: string;
  open_now: boolean;
  closes_in_min: number | null;
}

/** 开放中 / 还有 N 分钟关门 / 已关门 / 暂停开放, coloured so a glance tells them apart. */
export function OpenBadge({ station, size = 'normal' }: { station: Openness; size?: 'normal' | 'large' }) {
  const style = size === 'large' ? { fontSize: 14, padding: '4px 8px' } : { fontSize: 12, padding: '2px 6px' };
  if (station.status === 'temporarily_closed')
    return (
      <Tag color="#8c8c8c" style={style} data-testid="station-badge" data-state="suspended">
        {t('station.suspended')}
      </Tag>
    );
  if (!station.open_now)
    return (
      <Tag color="default" style={style} data-testid="station-badge" data-state="closed">
        {t('station.closedNow')}
      </Tag>
    );
  const closingSoon = station.closes_in_min !== null && station.closes_in_min <= 60;
  return (
    <>
      <Tag color="success" style={style} data-testid="station-badge" data-state="open">
        {station.closes_in_min === null ? t('station.open24') : t('station.openNow')}
      </Tag>
      {closingSoon && (
        <Tag color="warning" style={{ ...style, marginLeft: 4 }} data-testid="station-closing">
          {t('station.closesIn', { n: station.closes_in_min! })}
        </Tag>
      )}
    </>
  );
}

/** 「东北 320 m」 with an arrow pointing that way (north up). */
export function Away({ from, to, distanceM }: { from: LatLng; to: LatLng; distanceM: number }) {
  const bearing = bearingDegrees(from, to);
  const dir = t(`compass.${compassOf(bearing)}`);
  return (
    <span style={{ whiteSpace: 'nowrap' }} data-testid="station-away" data-distance={distanceM}>
      <svg
        aria-hidden
        viewBox="0 0 16 16"
        width="1.1em"
        height="1.1em"
        style={{ transform: `rotate(${Math.round(bearing)}deg)`, marginRight: 3, verticalAlign: '-0.125em' }}
      >
        <path
          d="M8 14.5V2M3 7l5-5 5 5"
          fill="none"
          stroke="currentColor"
          strokeWidth={2.2}
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      {t('station.away', { dir, distance: formatDistance(distanceM) })}
    </span>
  );
}

/** The amenities as chips, the first `max` of them and a count of the rest. */
export function AmenityTags({ codes, max = codes.length }: { codes: readonly string[]; max?: number }) {
  const chip = { color: '#1d39c4', fontSize: 12, padding: '2px 6px' };
  return (
    <span style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
      {codes.slice(0, max).map((code) => (
        <Tag key={code} color="#f0f5ff" style={chip}>
          {amenityLabel(code)}
        </Tag>
      ))}
      {codes.length > max && (
        <Tag color="#f5f5f5" style={{ ...chip, color: '#666' }}>
          +{codes.length - max}
        </Tag>
      )}
    </span>
  );
}
