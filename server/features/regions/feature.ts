import type { Feature } from '../../http/feature';
import { regionRoutes } from './routes';

export const regionsFeature: Feature = { name: 'regions', routes: regionRoutes };
