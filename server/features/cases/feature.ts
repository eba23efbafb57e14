import type { Feature } from '../../http/feature';
import { caseFileKinds } from './files';
import { caseRoutes } from './routes';
import { seedDemoCases } from './seed';

/** 工单 (DESIGN.md §2 D, §4.4): one case engine for 12351 requests, hazard reports, station repairs and visit issues. */
export const casesFeature: Feature = {
  name: 'cases',
  fileKinds: caseFileKinds,
  routes: caseRoutes,
  seedDemo: seedDemoCases,
  sealedColumns: [{ table: 'cases', key: ['id'], columns: ['description_enc', 'requester_name_enc', 'phone_enc'] }],
};
