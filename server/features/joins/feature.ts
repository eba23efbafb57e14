import type { Feature } from '../../http/feature';
import { joinRoutes } from './routes';

export const joinsFeature: Feature = { name: 'joins', routes: joinRoutes };
