/**
 * The card routes' rows of the authorization matrix (server/testing/authz-harness.ts). The card is
 * the signed-in worker's own: a console account has none (404, the missing-record body), nor has
 * the matrix's worker, whose phone belongs to no member; verification is public.
 */
import { callerRow, type Row } from '../../testing/authz-harness';
import { next, nextIp } from '../../testing/authz-world';

const ownCard = (route: string, url: string): Row =>
  callerRow(route, {
    who: 'anyone',
    ok: 404,
    build: () => ({ method: 'GET', url }),
    except: { anonymous: 401, restricted: 403 },
  });

export const cardsRows: Row[] = [
  ownCard('GET /api/v1/me/card', '/api/v1/me/card'),
  ownCard('GET /api/v1/me/card/token', '/api/v1/me/card/token'),
  callerRow('POST /api/v1/cards/verify', {
    who: 'anyone',
    build: () => ({
      method: 'POST',
      url: '/api/v1/cards/verify',
      payload: { payload: `GH1.${next()}.1.AAAAAAAAAAAAAAAAAAAAAA` },
      remoteAddress: nextIp(),
    }),
  }),
];
