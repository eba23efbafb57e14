import type { Feature } from './http/feature';
import { accountsFeature } from './features/accounts/feature';
import { auditFeature } from './features/audit/feature';
import { authFeature } from './features/auth/feature';
import { cardsFeature } from './features/cards/feature';
import { calendarFeature } from './features/calendar/feature';
import { jobsFeature } from './features/jobs/feature';
import { joinsFeature } from './features/joins/feature';
import { filesFeature } from './features/files/feature';
import { importsFeature } from './features/imports/feature';
import { membersFeature } from './features/members/feature';
import { orgsFeature } from './features/orgs/feature';
import { regionsFeature } from './features/regions/feature';
import { stationsFeature } from './features/stations/feature';
import { casesFeature } from './features/cases/feature';
import { coverageFeature } from './features/coverage/feature';
import { stationVisitsFeature } from './features/station-visits/feature';
import { systemFeature } from './features/system/feature';
import { transfersFeature } from './features/transfers/feature';

/**
 * Every feature, in the order their demo data is seeded (a seed may read what an earlier one
 * wrote). A new feature is one line here.
 */
export const FEATURES: readonly Feature[] = [
  systemFeature,
  regionsFeature,
  authFeature,
  orgsFeature,
  accountsFeature,
  auditFeature,
  calendarFeature,
  jobsFeature,
  filesFeature,
  membersFeature,
  cardsFeature,
  joinsFeature,
  transfersFeature,
  importsFeature,
  stationsFeature,
  coverageFeature,
  stationVisitsFeature,
  casesFeature,
];
