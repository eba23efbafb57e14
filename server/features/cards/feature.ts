import type { Feature } from '../../http/feature';
import { cardRoutes } from './routes';
import { seedDemoCards } from './seed';

/** The e-member card (issue 7 item 4): the worker's own card, its rotating QR, and verification. */
export const cardsFeature: Feature = { name: 'cards', routes: cardRoutes, seedDemo: seedDemoCards };
