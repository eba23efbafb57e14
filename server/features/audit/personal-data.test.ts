import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { createDeps } from '../../deps';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn } from '../auth/auth.factories';
import { buildWorld, type World } from '../orgs/orgs.factories';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let world: World;
let adminCookie: string;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t);
  await buildAccount(t, { org: world.root, role: 'national_admin', username: 'pd_admin' });
  adminCookie = await signIn(t, 'pd_admin');
});
afterAll(() => t?.close());

describe('request logs', () => {
  it('carry the path without the query string (searched names and phones stay out)', async () => {
    const lines: string[] = [];
    const app = await buildApp(await createDeps(t.config, t.db, { sms: { name: 'test', send: async () => {} } }), {
      logger: { level: 'info', stream: { write: (line) => void lines.push(line) } },
    });
    try {
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/orgs?q=${encodeURIComponent('张三丰')}&limit=5`,
        headers: { cookie: adminCookie },
      });
      expect(res.statusCode, res.body).toBe(200);
    } finally {
      await app.close();
    }
    const logged = lines.join('');
    expect(logged).toContain('"url":"/api/v1/orgs"');
    for (const leak of ['张三丰', encodeURIComponent('张三丰'), 'q=', 'limit=5']) expect(logged).not.toContain(leak);
  });
});
