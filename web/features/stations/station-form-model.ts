import dayjs, { type Dayjs } from 'dayjs';
import type { Crs } from '../../../common/geo';
import type { Amenity, StationKind, StationStatus } from '../../../common/stations';
import type { StationRecord } from './api';

/** The station form's values, and how they map to and from the API (the drawer is station-drawer.tsx). */
export interface Values {
  org_id?: number;
  kind: StationKind;
  name: string;
  address: string;
  region?: string[];
  lat?: number;
  lng?: number;
  crs: Crs;
  amenities: Amenity[];
  opening_hours: string;
  phone?: string;
  status: StationStatus;
  closed_until?: Dayjs | null;
  keeper_account_id?: number | null;
  award_year?: number | null;
}

const text = (v: string | undefined) => (v?.trim() ? v.trim() : null);

export function initialOf(record: StationRecord | null): Partial<Values> {
  if (!record) return { kind: 'outdoor_worker', crs: 'wgs84', amenities: [], opening_hours: '24/7', status: 'open' };
  return {
    org_id: record.org_id,
    kind: record.kind,
    name: record.name,
    address: record.address,
    lat: record.lat,
    lng: record.lng,
    crs: 'wgs84',
    amenities: record.amenities as Amenity[],
    opening_hours: record.opening_hours,
    phone: record.phone ?? undefined,
    status: record.status,
    closed_until: record.closed_until ? dayjs(record.closed_until) : null,
    keeper_account_id: record.keeper_account_id,
    award_year: record.award_year,
  };
}

/** The fields any writer sends (a keeper's too), and those only a registry manager sends. */
export function bodiesOf(v: Values) {
  const operational = {
    opening_hours: v.opening_hours.trim(),
    amenities: v.amenities ?? [],
    phone: text(v.phone),
    status: v.status,
    closed_until: v.status === 'temporarily_closed' && v.closed_until ? v.closed_until.format('YYYY-MM-DD') : null,
  };
  const registry = {
    kind: v.kind,
    name: v.name.trim(),
    address: v.address.trim(),
    lat: v.lat!,
    lng: v.lng!,
    crs: v.crs,
    keeper_account_id: v.keeper_account_id ?? null,
    award_year: v.award_year ?? null,
    ...(v.region?.length ? { region_code: v.region.at(-1)! } : {}),
  };
  return { operational, registry };
}
