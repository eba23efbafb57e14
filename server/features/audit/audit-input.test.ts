import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn } from '../auth/auth.factories';
import { buildWorld } from '../orgs/orgs.factories';
import { createTestApp, type TestApp } from '../../testing/test-app';

// Bad bytes in the audit view's inputs: each a 422 naming the field, never a 500.
let t: TestApp;
let adminCookie: string;

beforeAll(async () => {
  t = await createTestApp();
  const { root } = await buildWorld(t);
  await buildAccount(t, { org: root, role: 'national_admin', username: 'admin' });
  await signIn(t, 'admin');
  adminCookie = await signIn(t, 'admin'); // two sign-ins: two entries, two pages
});
afterAll(() => t?.close());

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: adminCookie } });
const cursorOf = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');

describe('the audit view refuses bad input', () => {
  it('answers 422 naming `cursor` for a forged cursor of the wrong kind', async () => {
    for (const key of [['abc'], [1.5], [null]]) {
      const res = await get(`/api/v1/audit?cursor=${cursorOf(key)}`);
      expect(res.statusCode, JSON.stringify(key)).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'validation_failed', fields: { cursor: '分页游标无效' } });
    }
    const ok = await get(`/api/v1/audit?limit=1`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().next_cursor).toEqual(expect.any(String));
    const next = await get(`/api/v1/audit?limit=1&cursor=${ok.json().next_cursor}`);
    expect(next.statusCode).toBe(200);
    expect(next.json().items[0].id).toBeLessThan(ok.json().items[0].id);
  });
});

describe('the audit filters refuse bytes the database cannot store', () => {
  it('answers 422 naming the filter that holds a NUL', async () => {
    for (const field of ['action', 'entity_type', 'entity_id']) {
      const res = await get(`/api/v1/audit?${field}=a%00b`);
      expect(res.statusCode, field).toBe(422);
      expect(Object.keys(res.json().error.fields), field).toEqual([field]);
    }
  });
});

describe('the audit date filters', () => {
  it('answer 422 naming the filter for year 0000 or a day that does not exist', async () => {
    for (const [field, value] of [
      ['from', '0000-02-29'],
      ['to', '0000-02-29'],
      ['from', '2023-02-29'],
      ['to', '2024-04-31'],
    ]) {
      const res = await get(`/api/v1/audit?${field}=${value}`);
      expect(res.statusCode, `${field}=${value}`).toBe(422);
      expect(Object.keys(res.json().error.fields)).toEqual([field]);
    }
    expect((await get('/api/v1/audit?from=2024-02-29&to=2024-02-29')).statusCode).toBe(200);
  });
});
