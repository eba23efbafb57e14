import type { Feature } from '../../http/feature';
import { systemRoutes } from './routes';

export const systemFeature: Feature = { name: 'system', routes: systemRoutes };
