import type { Feature } from '../../http/feature';
import { registerExportRoutes } from '../imports/export-routes';
import { registerImportRoutes } from '../imports/routes';
import { memberExportKind } from './export';
import { memberFileKinds } from './files';
import { rosterImportKind } from './roster-import';
import { memberRoutes } from './routes';
import { seedDemoMembers } from './seed';

/** The member registry (DESIGN.md §2 B, §3, §4.2): members and their honours. */
export const membersFeature: Feature = {
  name: 'members',
  importKinds: [rosterImportKind],
  fileKinds: memberFileKinds,
  sealedColumns: [{ table: 'members', key: ['id'], columns: ['id_enc', 'phone_enc'] }],
  routes(app) {
    memberRoutes(app);
    registerImportRoutes(app, rosterImportKind);
    registerExportRoutes(app, memberExportKind);
  },
  seedDemo: seedDemoMembers,
};
