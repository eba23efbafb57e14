import { Button, Image, List, Tag } from 'antd-mobile';
import { ErrorBlock } from '../../m/light-ui';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { convertPoint, distanceMeters } from '../../../common/geo';
import { useRequest } from '../../lib/use-request';
import { MobileLoadFailed, MobileLoading, MobilePage } from '../../m/mobile-page';
import { StationVisitActions } from '../station-visits/h5-actions';
import { fetchStation, type Station, type StationDay } from './h5-api';
import { t } from './h5-messages';
import { MAP_APPS } from './h5-navigate';
import { parsePositionFragment, positionFragment } from './h5-position';
import { AmenityTags, Away, OpenBadge } from './h5-station-bits';

const card = { margin: '8px 12px', padding: 16, background: '#fff', borderRadius: 10 } as const;
const heading = { margin: '0 0 10px', fontSize: 16, fontWeight: 600 } as const;

/** One station for a rider: is it open, this week's hours, what it has, how to get there. */
export function StationPage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const station = useRequest(valid ? `station-${id}` : null, () => fetchStation(id));
  return (
    <MobilePage title={station.data?.name ?? t('finder.title')}>
      {!valid || station.error?.status === 404 ? (
        <ErrorBlock status="empty" title={t('station.notFound')} style={{ padding: '48px 16px' }}>
          <Link to="/stations">
            <Button color="primary">{t('station.backToList')}</Button>
          </Link>
        </ErrorBlock>
      ) : station.error ? (
        <MobileLoadFailed error={station.error} onRetry={station.reload} />
      ) : !station.data ? (
        <MobileLoading />
      ) : (
        <StationDetail station={station.data} />
      )}
    </MobilePage>
  );
}

function StationDetail({ station: s }: { station: Station }) {
  // The rider's position, when the finder handed it over in the fragment: the distance is worked out here.
  const position = useMemo(() => parsePositionFragment(window.location.hash), []);
  const from = position ? convertPoint(position, position.crs, 'wgs84') : null;
  return (
    <div data-testid="station-detail" style={{ paddingBottom: 24 }}>
      <section style={card}>
        <h1 style={{ margin: 0, fontSize: 20, lineHeight: 1.4, wordBreak: 'break-word' }} data-testid="station-name">
          {s.name}
        </h1>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, marginTop: 8, alignItems: 'center' }}>
          <OpenBadge station={s} size="large" />
          {s.kind === 'driver_home' && <Tag color="primary">{t('station.driverHome')}</Tag>}
          {s.award && s.award_year && <Tag color="danger">{t('station.award', { year: s.award_year })}</Tag>}
        </div>
        <p style={{ margin: '10px 0 0', fontSize: 14, color: '#666', lineHeight: 1.5 }} data-testid="station-address">
          {s.address}
          {from && (
            <span style={{ marginLeft: 8, color: '#c41d24', fontWeight: 500 }}>
              <Away from={from} to={s} distanceM={Math.round(distanceMeters(from, s))} />
            </span>
          )}
        </p>
        {s.status === 'temporarily_closed' && s.closed_until && (
          <p style={{ margin: '8px 0 0', color: '#ad4e00', fontSize: 14 }}>
            {t('station.suspendedUntil', { date: s.closed_until })}
          </p>
        )}
      </section>
      <section style={card}>
        <h2 style={heading}>{t('station.navigate')}</h2>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 8 }}>
          {MAP_APPS.map(({ app, url }) => (
            <a
              key={app}
              href={url(s)}
              target="_blank"
              rel="noopener noreferrer"
              data-testid={`station-nav-${app}`}
              style={{
                display: 'flex',
                alignItems: 'center',
                justifyContent: 'center',
                minHeight: 48,
                borderRadius: 8,
                background: '#fff1f0',
                color: '#c41d24',
                fontSize: 15,
                fontWeight: 500,
                textDecoration: 'none',
              }}
            >
              {t(`station.${app}`)}
            </a>
          ))}
        </div>
        <p style={{ margin: '8px 0 0', fontSize: 12, color: '#999' }}>{t('station.navigateHint')}</p>
      </section>
      <section style={card}>
        <h2 style={heading}>{t('station.hours')}</h2>
        <Week days={s.week} />
      </section>
      <List style={{ margin: '8px 12px', borderRadius: 10, overflow: 'hidden' }}>
        {s.phone && (
          <List.Item
            extra={
              <a
                href={`tel:${s.phone}`}
                data-testid="station-phone"
                style={{ fontSize: 17, padding: '8px 0', display: 'inline-block' }}
              >
                {s.phone}
              </a>
            }
          >
            {t('station.phone')}
          </List.Item>
        )}
        <List.Item extra={<span style={{ fontSize: 14 }}>{s.org_name}</span>}>{t('station.union')}</List.Item>
      </List>
      <section style={card}>
        <h2 style={heading}>{t('station.amenities')}</h2>
        {s.amenities.length ? (
          <AmenityTags codes={s.amenities} />
        ) : (
          <span style={{ color: '#999' }}>{t('station.noAmenities')}</span>
        )}
      </section>
      {s.photos && s.photos.length > 0 && (
        <section style={card}>
          <h2 style={heading}>{t('station.photos')}</h2>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 6 }}>
            {s.photos.map((p) => (
              <Image key={p.id} src={p.url} fit="cover" style={{ aspectRatio: '1', borderRadius: 6 }} lazy />
            ))}
          </div>
        </section>
      )}
      <div style={{ margin: '8px 12px' }}>
        <StationVisitActions stationId={s.id} stationName={s.name} />
      </div>
      {position && (
        <div style={{ textAlign: 'center', marginTop: 8 }}>
          <Link
            to={{ pathname: '/stations', hash: positionFragment(position) }}
            style={{ fontSize: 15, padding: 12, display: 'inline-block' }}
          >
            {t('station.backToList')}
          </Link>
        </div>
      )}
    </div>
  );
}

/** The next 7 days' hours: today first and marked, holidays named, closure days said. */
function Week({ days }: { days: StationDay[] }) {
  return (
    <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 15 }} data-testid="station-week">
      <tbody>
        {days.map((d, i) => {
          const today = i === 0;
          const hours = d.suspended
            ? t('station.suspended')
            : d.intervals.length === 0
              ? t('station.dayClosed')
              : d.intervals
                  .map(([a, b]) => (a === '00:00' && b === '24:00' ? t('station.dayAllDay') : `${a}–${b}`))
                  .join('，');
          return (
            <tr
              key={d.date}
              data-testid="station-day"
              data-today={today || undefined}
              style={{ background: today ? '#fff7e6' : undefined, fontWeight: today ? 600 : 400 }}
            >
              <td style={{ padding: '8px 6px', whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                {t(`weekday.${d.weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7}`)}
                <span style={{ color: '#999', fontWeight: 400, marginLeft: 4, fontSize: 13 }}>
                  {today ? t('station.today') : d.date.slice(5).replace('-', '/')}
                </span>
              </td>
              <td style={{ padding: '8px 6px', textAlign: 'right', color: d.intervals.length ? '#333' : '#999' }}>
                {d.holiday && (
                  <Tag color="danger" fill="outline" style={{ marginRight: 6, fontSize: 12 }}>
                    {d.holiday}
                  </Tag>
                )}
                {hours}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
