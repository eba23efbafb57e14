import type { Feature } from '../../http/feature';
import { dutyPageJob } from './duty';
import { caseFileKinds } from './files';
import { caseNoticeJob } from './notify';
import { casePublicRoutes } from './public-routes';
import { caseRatesRoutes } from './rates-routes';
import { caseRoutes } from './routes';
import { seedDemoCases } from './seed';
import { sweepJob } from './sweep';

/** 工单 (DESIGN.md §2 D, §4.4): one case engine for 12351 requests, hazard reports, station repairs and visit issues. */
export const casesFeature: Feature = {
  name: 'cases',
  fileKinds: caseFileKinds,
  routes(app) {
    caseRoutes(app);
    casePublicRoutes(app);
    caseRatesRoutes(app);
  },
  jobs: [sweepJob, caseNoticeJob, dutyPageJob],
  seedDemo: seedDemoCases,
  sealedColumns: [
    { table: 'cases', key: ['id'], columns: ['description_enc', 'requester_name_enc', 'phone_enc'] },
    { table: 'case_duty_phones', key: ['id'], columns: ['phone_enc'] },
  ],
};
