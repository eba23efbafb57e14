import type { Feature } from '../../http/feature';
import { orgRoutes } from './routes';
import { seedDemoOrgs } from './seed';

export const orgsFeature: Feature = { name: 'orgs', routes: orgRoutes, seedDemo: seedDemoOrgs };
