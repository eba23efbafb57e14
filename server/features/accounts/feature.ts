import type { Feature } from '../../http/feature';
import { accountRoutes } from './routes';
import { seedDemoAccounts } from './seed';

export const accountsFeature: Feature = { name: 'accounts', routes: accountRoutes, seedDemo: seedDemoAccounts };
