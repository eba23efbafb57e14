/**
 * The actor each session resolves to, kept on this app node for a few seconds so that a request
 * need not read the session, account, grants and roles again (docs/decisions/0015-actor-cache.md).
 * Entries are dropped on every node when what they were built from changes: the database's triggers
 * NOTIFY on gh_actor in the changing transaction (migration 2026-12-01T1530), delivered on commit.
 * While this node is not listening (not yet, or its connection dropped) nothing is served from here.
 */
import { listenToChannel } from '../../db/database';
import type { Db } from '../../db/database';
import type { Actor } from '../../http/actor';

declare module '../../http/context' {
  interface FeatureState {
    actorCache: ActorCache;
  }
}

/** How long an entry is honoured without a fresh read: the bound if a notification is ever lost. */
export const ACTOR_TTL_MS = 5_000;
export const ACTOR_CACHE_MAX = 10_000;
export const ACTOR_CHANNEL = 'gh_actor';

export interface CachedSession {
  actor: Actor & { kind: 'account' | 'worker' };
  accountId: number | null;
  expiresAt: number;
  /** last_seen_at as this node last read or wrote it. */
  lastSeenAt: number;
  idleMs: number;
}

interface Entry extends CachedSession {
  cachedAt: number;
}

export interface ActorCache {
  /** The fresh entry of a session (by token hash, hex), or undefined. */
  get(key: string, now: number): CachedSession | undefined;
  /** Changes with every invalidation: read it before the database, hand it to set(). */
  generation(): number;
  /** Stores an entry, unless an invalidation arrived since `generation` was read. */
  set(key: string, value: CachedSession, generation: number, now: number): void;
  /** Drops a session's entry (this node's own change, before the notification arrives). */
  drop(key: string): void;
  /** Whether entries are served: the node listens for invalidations. */
  isListening(): boolean;
  stop(): void;
}

/** The actor cache of one app node; it starts listening at its first use. */
export function createActorCache(db: Db): ActorCache {
  const entries = new Map<string, Entry>();
  let gen = 0;
  let isListening = false;
  let unsubscribe: (() => void) | undefined;
  let isStarted = false;

  const clear = () => {
    entries.clear();
    gen++;
  };
  const onMessage = (payload: string) => {
    gen++;
    if (payload.startsWith('s:')) for (const key of payload.slice(2).split(',')) entries.delete(key);
    else if (payload.startsWith('a:')) {
      const accountId = Number(payload.slice(2));
      for (const [key, e] of entries) if (e.accountId === accountId) entries.delete(key);
    } else entries.clear();
  };
  const start = () => {
    isStarted = true;
    unsubscribe = listenToChannel(db, ACTOR_CHANNEL, {
      onMessage,
      onState: (up) => {
        clear();
        isListening = up;
      },
    });
  };

  return {
    get(key, now) {
      if (!isStarted) start();
      if (!isListening) return undefined;
      const e = entries.get(key);
      if (!e) return undefined;
      if (now - e.cachedAt >= ACTOR_TTL_MS) {
        entries.delete(key);
        return undefined;
      }
      return e;
    },
    generation: () => gen,
    set(key, value, generation, now) {
      if (!isListening || generation !== gen) return;
      if (entries.size >= ACTOR_CACHE_MAX) entries.delete(entries.keys().next().value!);
      entries.set(key, { ...value, cachedAt: now });
    },
    drop(key) {
      entries.delete(key);
      gen++;
    },
    isListening: () => isListening,
    stop() {
      unsubscribe?.();
      isListening = false;
      clear();
    },
  };
}
