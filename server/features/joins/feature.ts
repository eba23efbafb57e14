import type { Feature } from '../../http/feature';
import { joinRoutes } from './routes';

export const joinsFeature: Feature = {
  name: 'joins',
  routes: joinRoutes,
  sealedColumns: [{ table: 'join_applications', key: ['id'], columns: ['id_enc', 'phone_enc'] }],
};
