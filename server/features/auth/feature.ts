import type { Feature } from '../../http/feature';
import { createActorCache } from './actor-cache';
import { authRoutes } from './routes';

export const authFeature: Feature = {
  name: 'auth',
  routes: authRoutes,
  createState: ({ db }) => ({ actorCache: createActorCache(db) }),
  sealedColumns: [
    { table: 'sessions', key: ['token_hash'], columns: ['phone_enc'] },
    { table: 'accounts', key: ['id'], columns: ['totp_secret_enc'] },
  ],
};
