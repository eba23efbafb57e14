import type { Feature } from '../../http/feature';
import { authRoutes } from './routes';

export const authFeature: Feature = { name: 'auth', routes: authRoutes };
