import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../common/errors';
import type { Actor } from '../../http/actor';
import type { AppDeps, Ctx } from '../../http/context';
import { resolveSessionCached, SESSION_COOKIE } from './sessions';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's one context: who acts (`ctx.actor`), from where, and the app's dependencies. */
    ctx: Ctx;
  }
  interface FastifyContextConfig {
    /** Who may call the route; API routes default to 'account' (a console cadre). */
    access?: 'public' | 'account' | 'worker' | 'signed_in';
    /** Reachable by a session that must first change its password or enrol TOTP. */
    allowRestricted?: boolean;
  }
}

/**
 * Resolves the session cookie into `req.ctx.actor` for API requests, then
 * enforces each route's `access`: nothing under /api/v1 is public unless it says so.
 */
export function registerAuthentication(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('ctx', null as unknown as Ctx);
  app.addHook('onClose', async () => deps.state.actorCache.stop());
  // A change this request made to its own session (a new password lifts a restriction) is committed
  // by now; its notification may not have arrived yet, so the next request must not meet the old actor.
  app.addHook('onSend', async (req) => {
    const actor = req.ctx?.actor;
    if (req.method !== 'GET' && req.method !== 'HEAD' && actor && 'sessionHash' in actor)
      deps.state.actorCache.drop(actor.sessionHash.toString('hex'));
  });

  app.addHook('onRequest', async (req) => {
    let actor: Actor | null = null;
    let expired = false;
    const token = req.url.startsWith('/api/') ? req.cookies[SESSION_COOKIE] : undefined;
    if (token) {
      const state = await resolveSessionCached(deps, token);
      actor = state.actor;
      expired = state.actor === null;
    }
    req.ctx = { ...deps, actor, ip: req.ip };
    // No such route: the not-found handler answers 404 whoever asks (the route list is public anyway).
    if (!req.url.startsWith('/api/v1/') || req.is404) return;
    const config = req.routeOptions.config;
    const access = config.access ?? 'account';
    if (access === 'public') return;
    if (!actor) throw new AppError(expired ? 'session_expired' : 'unauthenticated');
    if (access === 'account' && actor.kind !== 'account') throw new AppError('unauthenticated');
    if (access === 'worker' && actor.kind !== 'worker') throw new AppError('unauthenticated');
    if (actor.kind === 'account' && actor.restriction && !config.allowRestricted)
      throw new AppError('restricted_session');
  });
}
