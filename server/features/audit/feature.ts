import type { Feature } from '../../http/feature';
import { auditRoutes } from './routes';

export const auditFeature: Feature = { name: 'audit', routes: auditRoutes };
