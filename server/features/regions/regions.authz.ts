/** The region routes' rows of the authorization matrix: public reference data. */
import { callerRow, type Row } from '../../testing/authz-harness';

export const regionsRows: Row[] = [
  callerRow('GET /api/v1/regions', {
    who: 'anyone',
    build: () => ({ method: 'GET', url: '/api/v1/regions?parent_code=320000' }),
  }),
  callerRow('GET /api/v1/regions/:code', {
    who: 'anyone',
    build: () => ({ method: 'GET', url: '/api/v1/regions/321302' }),
  }),
];
