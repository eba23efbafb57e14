/** The system routes' rows of the authorization matrix: public. */
import { callerRow, type Row } from '../../testing/authz-harness';

export const systemRows: Row[] = [
  callerRow('GET /api/v1/config', { who: 'anyone', build: () => ({ method: 'GET', url: '/api/v1/config' }) }),
  callerRow('GET /api/v1/openapi.json', {
    who: 'anyone',
    build: () => ({ method: 'GET', url: '/api/v1/openapi.json' }),
  }),
  callerRow('GET /api/v1/ping', { who: 'anyone', build: () => ({ method: 'GET', url: '/api/v1/ping' }) }),
];
