import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildApp } from '../../app';
import { openDatabase, type Database } from '../../db/database';
import { createDeps } from '../../deps';
import type { AppDeps } from '../../http/context';
import { sha256 } from '../../lib/crypto';
import { adminUrl } from '../../testing/template';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { buildAccount } from '../accounts/accounts.factories';
import { buildWorld, type World } from '../orgs/orgs.factories';
import { signIn } from './auth.factories';
import type { FastifyInstance } from 'fastify';

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t);
});
afterAll(() => t?.close());

const get = (app: FastifyInstance, url: string, cookie: string) =>
  app.inject({ method: 'GET', url, headers: { cookie } });

/** Asks `app` every 20 ms until it answers `status`; returns after how many ms (fails past 1 s). */
async function msUntil(app: FastifyInstance, url: string, cookie: string, status: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const res = await get(app, url, cookie);
    const elapsed = Date.now() - started;
    if (res.statusCode === status) return elapsed;
    if (elapsed > 1000) throw new Error(`still ${res.statusCode} after ${elapsed} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the actor cache on one node', () => {
  it('never answers one token with another session’s actor', async () => {
    const a = await buildAccount(t, { org: world.sucheng, role: 'org_admin' });
    const b = await buildAccount(t, { org: world.jiangxi, role: 'org_admin' });
    const [ca, cb] = [await signIn(t, a.username), await signIn(t, b.username)];
    for (let i = 0; i < 3; i++) {
      expect((await get(t.app, '/api/v1/me', ca)).json().username).toBe(a.username);
      expect((await get(t.app, '/api/v1/me', cb)).json().username).toBe(b.username);
    }
    // A warm cache says nothing about a token it has not seen, nor one a byte away from a real one.
    const forged = ca.slice(0, -1) + (ca.endsWith('A') ? 'B' : 'A');
    expect((await get(t.app, '/api/v1/me', forged)).statusCode).toBe(401);
    expect((await get(t.app, '/api/v1/me', 'gh_session=nothing')).statusCode).toBe(401);
  });

  it('drops the actor of a disabled account at once, and of a signed-out session', async () => {
    const admin = await buildAccount(t, { org: world.root, role: 'national_admin' });
    const user = await buildAccount(t, { org: world.sucheng, role: 'org_admin' });
    const [ca, cu] = [await signIn(t, admin.username), await signIn(t, user.username)];
    expect((await get(t.app, '/api/v1/me', cu)).statusCode).toBe(200);
    const off = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/${user.id}`,
      headers: { cookie: ca },
      payload: { status: 'disabled' },
    });
    expect(off.statusCode).toBe(200);
    expect(await msUntil(t.app, '/api/v1/me', cu, 401)).toBeLessThan(1000);

    const again = await signIn(t, admin.username);
    expect((await get(t.app, '/api/v1/me', again)).statusCode).toBe(200);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: again } });
    expect((await get(t.app, '/api/v1/me', again)).statusCode).toBe(401);
  });

  it('still writes last_seen_at once a minute while the actor comes from the cache', async () => {
    const user = await buildAccount(t, { org: world.sucheng, role: 'org_admin' });
    const cookie = await signIn(t, user.username);
    const hash = await t.db
      .selectFrom('sessions')
      .select('token_hash')
      .where('account_id', '=', user.id)
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('sessions')
      .set({ last_seen_at: sql`now() - interval '2 minutes'` })
      .where('token_hash', '=', hash.token_hash)
      .execute();
    // The update above does not touch the cache (last_seen_at announces nothing), so this is a hit.
    expect((await get(t.app, '/api/v1/me', cookie)).statusCode).toBe(200);
    const row = await t.db
      .selectFrom('sessions')
      .select('last_seen_at')
      .where('token_hash', '=', hash.token_hash)
      .executeTakeFirstOrThrow();
    expect(Date.now() - row.last_seen_at.getTime()).toBeLessThan(30_000);
  });
});

describe.runIf(process.env.GONGHUI_TEST_DB === 'postgres')('two app nodes on one PostgreSQL', () => {
  let other: Database;
  let nodeB: FastifyInstance;
  let cacheB: AppDeps['state']['actorCache'];
  /** Whether node B holds the session of `cookie` in its cache. */
  const isWarmOnB = (cookie: string) =>
    cacheB.get(sha256(cookie.split('=')[1]!).toString('hex'), Date.now()) !== undefined;

  beforeAll(async () => {
    const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(t.db);
    other = await openDatabase({
      kind: 'postgres',
      url: adminUrl(process.env.TEST_DATABASE_URL!, rows[0]!.name),
      max: 2,
    });
    const deps = await createDeps(t.config, other.db);
    cacheB = deps.state.actorCache;
    nodeB = await buildApp(deps);
    await nodeB.ready();
    cacheB.get('', Date.now());
    while (!cacheB.isListening()) await new Promise((r) => setTimeout(r, 10));
  });
  afterAll(async () => {
    await nodeB?.close();
    await other?.close();
  });

  it('node B stops honouring an account disabled, a grant removed, a session ended on node A within a second', async () => {
    const admin = await buildAccount(t, { org: world.root, role: 'national_admin' });
    const user = await buildAccount(t, { org: world.sucheng, role: 'org_admin' });
    const ca = await signIn(t, admin.username);
    const read = `/api/v1/orgs/${world.street.id}`;

    // Grant removal: the scoped read turns into the out-of-scope 404.
    let cu = await signIn(t, user.username);
    expect((await get(nodeB, read, cu)).statusCode).toBe(200);
    expect(isWarmOnB(cu)).toBe(true);
    const grant = await t.db
      .selectFrom('grants')
      .select('id')
      .where('account_id', '=', user.id)
      .executeTakeFirstOrThrow();
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/accounts/${user.id}/grants/${grant.id}`,
      headers: { cookie: ca },
    });
    expect(removed.statusCode).toBe(204);
    expect(await msUntil(nodeB, read, cu, 404)).toBeLessThan(1000);

    // Sign-out on A.
    const second = await buildAccount(t, { org: world.sucheng, role: 'org_admin' });
    cu = await signIn(t, second.username);
    expect((await get(nodeB, read, cu)).statusCode).toBe(200);
    expect(isWarmOnB(cu)).toBe(true);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: cu } });
    expect(await msUntil(nodeB, read, cu, 401)).toBeLessThan(1000);

    // Disabling on A.
    cu = await signIn(t, second.username);
    expect((await get(nodeB, read, cu)).statusCode).toBe(200);
    expect(isWarmOnB(cu)).toBe(true);
    const off = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/${second.id}`,
      headers: { cookie: ca },
      payload: { status: 'disabled' },
    });
    expect(off.statusCode).toBe(200);
    expect(await msUntil(nodeB, read, cu, 401)).toBeLessThan(1000);
  });
});
