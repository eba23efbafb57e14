import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../http/context';
import { hasBadText } from '../../http/validation';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn } from '../auth/auth.factories';
import { buildMember, nextTestPhone } from '../members/members.factories';
import { buildWorld, type World } from '../orgs/orgs.factories';
import { issueCardToken, verifyCard } from './service';

let t: TestApp;
let w: World;
let ips = 0;
const freshIp = () => `10.77.${Math.floor(++ips / 250)}.${(ips % 250) + 1}`;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(() => t.close());

const anonymous = (): Ctx => ({ ...t.deps, actor: null, ip: '10.0.0.1' });
const workerCtx = (phone: string): Ctx => ({
  ...t.deps,
  actor: { kind: 'worker', phoneHash: t.cipher.blindIndex(phone), phoneMasked: '', sessionHash: Buffer.alloc(32) },
  ip: '10.0.0.2',
});

async function memberCookie(phone: string): Promise<string> {
  const sent = await t.app.inject({
    method: 'POST',
    url: '/api/v1/otp',
    payload: { phone, purpose: 'login' },
    remoteAddress: freshIp(),
  });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/member-login',
    payload: { phone, otp: sent.json().dev_code },
    remoteAddress: freshIp(),
  });
  expect(res.statusCode, res.body).toBe(200);
  return `gh_session=${res.cookies.find((c) => c.name === 'gh_session')!.value}`;
}

const verify = (payload: unknown, cookie?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/cards/verify',
    payload: { payload },
    headers: cookie ? { cookie } : {},
    remoteAddress: freshIp(),
  });

const T0 = Date.UTC(2026, 11, 1, 8, 30, 20);
const lapse = (id: number) =>
  sql`UPDATE members SET status = 'lapsed', lapsed_on = current_date WHERE id = ${id}`.execute(t.db);

describe('the rotating card payload', () => {
  it('is valid in its minute and the next, expired after, and a future one is invalid', async () => {
    const m = await buildMember(t, w.street.id, { name: '张小骑' });
    const { payload, expires_at } = await issueCardToken(workerCtx(m.phone!), T0);
    expect(payload).toMatch(/^GH1\.\d+\.\d+\.[A-Za-z0-9_-]{22}$/);
    expect(expires_at).toBe(new Date(Date.UTC(2026, 11, 1, 8, 31, 0)).toISOString());

    const at = async (now: number) => (await verifyCard(anonymous(), payload, now)).result;
    expect(await at(T0)).toBe('valid');
    expect(await at(T0 + 39_000)).toBe('valid'); // the last second of its minute
    expect(await at(T0 + 99_000)).toBe('valid'); // the last second of the next minute
    expect(await at(T0 + 100_000)).toBe('expired'); // two minutes old: a screenshot
    expect(await at(T0 + 86_400_000)).toBe('expired');
    expect(await at(T0 - 60_000)).toBe('invalid'); // signed for a minute that has not come

    const next = await issueCardToken(workerCtx(m.phone!), T0 + 60_000);
    expect(next.payload).not.toBe(payload);
    expect(await verifyCard(anonymous(), payload, T0)).toMatchObject({
      result: 'valid',
      org_name: w.street.name,
      name_masked: '张*骑',
      member_no: m.member_no,
    });
  });

  it('is invalid when its member, minute or mac is changed', async () => {
    const m = await buildMember(t, w.street.id);
    const other = await buildMember(t, w.street.id);
    const { payload } = await issueCardToken(workerCtx(m.phone!), T0);
    const [v, id, minute, mac] = payload.split('.') as [string, string, string, string];
    const flipped = mac.slice(0, 5) + (mac[5] === 'A' ? 'B' : 'A') + mac.slice(6);
    for (const forged of [
      [v, String(other.id), minute, mac],
      [v, id, String(Number(minute) - 5), mac],
      [v, id, minute, flipped],
      ['GH2', id, minute, mac],
      [v, id, minute, `${mac}A`],
      [v, `0${id}`, minute, mac],
    ]) {
      const res = await verifyCard(anonymous(), forged.join('.'), T0);
      expect(res, forged.join('.')).toEqual({ result: 'invalid', checked_at: new Date(T0).toISOString() });
    }
  });

  it('is revoked once the member has lapsed, and the lapsed member has no card', async () => {
    const m = await buildMember(t, w.street.id);
    const { payload } = await issueCardToken(workerCtx(m.phone!), T0);
    await lapse(m.id);
    expect((await verifyCard(anonymous(), payload, T0)).result).toBe('revoked');
    expect((await verifyCard(anonymous(), payload, T0 + 600_000)).result).toBe('revoked');
    const cookie = await memberCookie(m.phone!);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/card', headers: { cookie } })).statusCode).toBe(404);
  });
});

describe('GET /api/v1/me/card and /me/card/token', () => {
  it('show a worker their own card with the full name, no ID number or phone, never cached', async () => {
    const m = await buildMember(t, w.street.id, { name: '王建国', joinedOn: '2025-03-08' });
    const cookie = await memberCookie(m.phone!);
    const card = await t.app.inject({ method: 'GET', url: '/api/v1/me/card', headers: { cookie } });
    expect(card.statusCode).toBe(200);
    expect(card.headers['cache-control']).toBe('no-store');
    expect(card.json()).toEqual({
      name: '王建国',
      org_name: w.street.name,
      member_no: m.member_no,
      status: 'active',
      joined_on: '2025-03-08',
      id_masked: expect.stringMatching(/^\d{4}\*+\w{4}$|\*/),
    });
    const token = await t.app.inject({ method: 'GET', url: '/api/v1/me/card/token', headers: { cookie } });
    expect(token.statusCode).toBe(200);
    expect(token.headers['cache-control']).toBe('no-store');
    for (const body of [card.body, token.body]) {
      expect(body).not.toContain(m.idNumber);
      expect(body).not.toContain(m.phone);
    }
    const checked = await verify(token.json().payload);
    expect(checked.statusCode).toBe(200);
    expect(checked.json()).toMatchObject({ result: 'valid', name_masked: '王*国', member_no: m.member_no });
    expect(checked.body).not.toContain('王建国');
    expect(checked.body).not.toContain(m.idNumber);
    expect(checked.body).not.toContain(m.phone);
  });

  it('show the most recent membership when one phone has several', async () => {
    const phone = nextTestPhone();
    const old = await buildMember(t, w.street.id, { phone, joinedOn: '2020-01-01' });
    await buildMember(t, w.jiangxi.id, { phone, joinedOn: '2024-06-01', name: '新会籍' });
    await lapse(old.id);
    const cookie = await memberCookie(phone);
    const card = await t.app.inject({ method: 'GET', url: '/api/v1/me/card', headers: { cookie } });
    expect(card.json()).toMatchObject({ name: '新会籍', org_name: w.jiangxi.name });
  });

  it('answer 404 to a phone that is not a member and to a console account', async () => {
    const worker = await memberCookie(nextTestPhone());
    await buildAccount(t, { org: w.sucheng, role: 'org_admin', username: 'card_cadre_404' });
    const cadre = await signIn(t, 'card_cadre_404', undefined, freshIp());
    for (const cookie of [worker, cadre]) {
      for (const url of ['/api/v1/me/card', '/api/v1/me/card/token']) {
        const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
        expect(res.statusCode, url).toBe(404);
        expect(res.json().error.code).toBe('not_found');
      }
    }
  });
});

describe('POST /api/v1/cards/verify', () => {
  // Every API route refuses a NUL or a lone surrogate (server/http/validation.ts) with a 422 naming
  // the field; no scanner produces one. Any other string within the limit is a 200 'invalid'.
  it('answers 200 invalid to any string within the limit, and never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc
            .tuple(fc.nat(), fc.nat(), fc.base64String({ maxLength: 30 }))
            .map(([id, minute, mac]) => `GH1.${id}.${minute}.${mac}`.slice(0, 200)),
        ),
        async (payload) => {
          const res = await verify(payload);
          if (hasBadText(payload)) {
            expect(res.statusCode, payload).toBe(422);
            return;
          }
          expect(res.statusCode, payload).toBe(200);
          expect(res.json(), payload).toEqual({ result: 'invalid', checked_at: expect.any(String) });
        },
      ),
      { numRuns: 120 },
    );
    expect((await verify('G'.repeat(201))).statusCode).toBe(422);
    expect((await verify(42)).statusCode).toBe(422);
  });

  it('audits a cadre’s verification, not an anonymous one', async () => {
    const m = await buildMember(t, w.street.id);
    const { payload } = await issueCardToken(workerCtx(m.phone!));
    const audited = () =>
      t.db
        .selectFrom('audit_log')
        .select(['details', 'org_path', 'account_id'])
        .where('action', '=', 'cards.verified')
        .where('entity_id', '=', String(m.id))
        .execute();
    expect((await verify(payload)).json().result).toBe('valid');
    expect(await audited()).toHaveLength(0);

    const account = await buildAccount(t, { org: w.sucheng, role: 'viewer', username: 'card_cadre' });
    const cookie = await signIn(t, 'card_cadre', undefined, freshIp());
    expect((await verify(payload, cookie)).json().result).toBe('valid');
    const rows = await audited();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ account_id: account.id, org_path: w.street.path });
    expect(JSON.stringify(rows[0]!.details)).toContain('valid');
  });
});
