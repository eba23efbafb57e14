import type { Feature } from '../../http/feature';
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
  routes: memberRoutes,
  seedDemo: seedDemoMembers,
};
