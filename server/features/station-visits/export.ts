import { VisitCountsQuery } from '../../../common/api/station-visits';
import { isoFromDay, parseIsoDate } from '../../../common/calendar/days';
import { OCCUPATIONS } from '../../../common/members';
import { COUNTS_MAX_DAYS } from '../../../common/station-visits';
import { defineExportKind, exportColumns } from '../../http/export-kind';
import { stationsSeenBy } from './policy';
import * as q from './sql';

/**
 * 驿站服务统计 export: the counts' filters, one row per day, station and occupation, for the stations
 * the exporter keeps or manages (a station or union out of scope exports nothing, as the list shows
 * nothing). Read a day at a time; no personal data is in it, so there is no unmasked export.
 */
export const visitCountsExportKind = defineExportKind({
  name: 'station-visits.counts',
  path: '/station-visits/counts',
  title: '驿站服务统计',
  permission: 'stations.keep',
  filters: VisitCountsQuery,
  columns: exportColumns({
    day: ['日期', 12],
    station: ['驿站', 30],
    org: ['所属工会', 28],
    occupation: ['职业', 22],
    visits: ['到访人次', 10],
  }),
  orgOf: (filters) => filters.org_id,
  async *rows(ctx, filters, { actor }) {
    const seen = stationsSeenBy(actor);
    const first = parseIsoDate(filters.from);
    const last = parseIsoDate(filters.to);
    if (first === null || last === null || last - first + 1 > COUNTS_MAX_DAYS) return;
    const f: q.VisitFilter = {};
    if (filters.station_id !== undefined) {
      if (!(await q.findSeenStation(ctx.db, seen, filters.station_id))) return;
      f.stationId = filters.station_id;
    }
    if (filters.org_id !== undefined) {
      const org = await q.findSeenOrg(ctx.db, seen, filters.org_id);
      if (!org) return;
      f.orgPath = org.path;
    }
    for (let d = first; d <= last; d++) {
      const day = isoFromDay(d);
      for (const r of await q.countVisitsOfDayByStation(ctx.db, seen, f, day))
        yield {
          day,
          station: r.station_name,
          org: r.org_name,
          occupation: OCCUPATIONS[r.occupation],
          visits: r.visits,
        };
    }
  },
});
