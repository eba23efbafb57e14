import { sha256 } from '../../lib/crypto';
import { sql } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../env';
import { buildAccount, TEST_PASSWORD } from '../accounts/accounts.factories';
import { signIn } from './auth.factories';
import { buildOrg, type BuiltOrg } from '../orgs/orgs.factories';
import { createDisabledSmsSender } from '../../lib/sms';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let root: BuiltOrg, sucheng: BuiltOrg;
let adminCookie: string;

/** Two orgs and a national admin: enough for every sign-in story. */
async function seed(app: TestApp) {
  const top = await buildOrg(app, { name: '中华全国总工会', type: 'national_federation', region_code: '110000' });
  const county = await buildOrg(app, {
    parent: top,
    name: '宿城区总工会',
    type: 'county_federation',
    region_code: '321302',
  });
  return { top, county };
}

/** The file's app with other configuration: another app on the same database, so it sees 宿城区. */
async function withApp(overrides: Partial<AppConfig>): Promise<TestApp & { county: BuiltOrg }> {
  return { ...(await t.withConfig(overrides)), county: sucheng };
}

const login = (
  app: TestApp,
  body: { username: string; password: string; totp?: string },
  remoteAddress = '127.0.0.1',
) => app.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body, remoteAddress });
const get = (app: TestApp, url: string, cookie?: string) =>
  app.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const post = (app: TestApp, url: string, cookie: string | undefined, payload?: object, remoteAddress = '127.0.0.1') =>
  app.app.inject({ method: 'POST', url, headers: cookie ? { cookie } : {}, payload, remoteAddress });
const cookieOf = (res: { cookies: Array<{ name: string; value: string }> }) =>
  `gh_session=${res.cookies.find((c) => c.name === 'gh_session')!.value}`;
const auditActions = async (app: TestApp, label: string) =>
  (
    await app.db
      .selectFrom('audit_log')
      .select('action')
      .where('actor_label', 'like', `%${label}%`)
      .orderBy('id')
      .execute()
  ).map((r) => r.action);

/** A code the authenticator does not show around now (the server accepts one step either side of its own clock). */
function wrongTotp(secret: string): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret) });
  const valid = [-60_000, -30_000, 0, 30_000, 60_000].map((d) => totp.generate({ timestamp: Date.now() + d }));
  return ['000000', '000001', '000002', '000003', '000004', '000005'].find((c) => !valid.includes(c))!;
}

let ipSeq = 0;
/** Every failure story uses its own addresses, so per-IP locks never leak between tests. */
const freshIp = () => `10.1.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;

beforeAll(async () => {
  t = await createTestApp();
  ({ top: root, county: sucheng } = await seed(t));
  await buildAccount(t, { org: root, role: 'national_admin', username: 'admin' });
  adminCookie = await signIn(t, 'admin');
});
afterAll(() => t?.close());

describe('signing in', () => {
  it('sets an HttpOnly SameSite session cookie, and /me shows the grants', async () => {
    await buildAccount(t, { org: sucheng, role: 'org_admin', username: 'sucheng' });
    const res = await login(t, { username: 'sucheng', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^gh_session=[\w-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    const me = await get(t, '/api/v1/me', cookieOf(res));
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      kind: 'account',
      username: 'sucheng',
      org: { id: sucheng.id, name: '宿城区总工会' },
      restriction: null,
    });
    expect(me.json().grants).toEqual([
      expect.objectContaining({ org_id: sucheng.id, org_name: '宿城区总工会', role_code: 'org_admin' }),
    ]);
    expect(me.json().grants[0].permissions).toContain('orgs.manage');
    expect(await auditActions(t, '(sucheng)')).toContain('auth.login');
  });

  it('accepts the username in any letter case', async () => {
    await buildAccount(t, { org: sucheng, role: 'viewer', username: 'wangfang' });
    expect((await login(t, { username: ' WangFang ', password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown username alike, and audits both', async () => {
    await buildAccount(t, { org: sucheng, role: 'viewer', username: 'lisi' });
    const wrong = await login(t, { username: 'lisi', password: 'Wrong#Pass2026' }, freshIp());
    const unknown = await login(t, { username: 'nobody', password: 'Wrong#Pass2026' }, freshIp());
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid_credentials');
    expect(unknown.statusCode).toBe(wrong.statusCode);
    expect(unknown.body).toBe(wrong.body);
    const failed = await t.db
      .selectFrom('audit_log')
      .select(['actor_label', 'org_path'])
      .where('action', '=', 'auth.login_failed')
      .where('actor_label', 'in', ['lisi', 'nobody'])
      .orderBy('id')
      .execute();
    expect(failed).toEqual([{ actor_label: 'lisi', org_path: sucheng.path }]);
    // A username that names no account may be a password typed in the wrong box: only a hint is kept.
    const unknownRows = await t.db
      .selectFrom('audit_log')
      .select('actor_label')
      .where('action', '=', 'auth.login_failed')
      .where('actor_label', 'like', '未知用户名%')
      .execute();
    expect(unknownRows.map((r) => r.actor_label)).toContain('未知用户名 no…（6 字符）');
    const stored = await t.db.selectFrom('login_failures').select('key').execute();
    expect(stored.map((r) => r.key).join()).not.toMatch(/nobody|lisi/);
  });

  it('lets no more than 5 parallel guesses reach the password check, so a burst cannot slip past the lock', async () => {
    await buildAccount(t, { org: sucheng, role: 'viewer', username: 'burst_user' });
    const guesses = Array.from({ length: 12 }, (_, i) =>
      login(t, { username: 'burst_user', password: i === 11 ? TEST_PASSWORD : `Wrong#${i}` }, freshIp()),
    );
    const codes = (await Promise.all(guesses)).map((r) => r.statusCode);
    // 401 (checked, wrong) or 200 (checked, right) means the guess got through; 429 means the lock held.
    expect(codes.filter((c) => c !== 429).length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(7);
  });

  it('locks an account for 30 minutes after 5 failures, then refuses even the right password', async () => {
    await buildAccount(t, { org: sucheng, role: 'viewer', username: 'zhaoliu' });
    for (let i = 0; i < 5; i++)
      expect((await login(t, { username: 'zhaoliu', password: `Wrong#${i}` }, freshIp())).statusCode).toBe(401);
    const locked = await login(t, { username: 'zhaoliu', password: TEST_PASSWORD }, freshIp());
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('account_locked');
    // 31 minutes later the lock has passed.
    await t.db
      .updateTable('login_failures')
      .set({ at: sql`now() - interval '31 minutes'` })
      .where('key', '=', `account:${t.cipher.blindIndex('zhaoliu').toString('hex')}`)
      .execute();
    expect((await login(t, { username: 'zhaoliu', password: TEST_PASSWORD }, freshIp())).statusCode).toBe(200);
  });

  it('locks an unknown username the same way, so a lock does not reveal which usernames exist', async () => {
    await buildAccount(t, { org: sucheng, role: 'viewer', username: 'real_user' });
    for (const username of ['real_user', 'ghost_user']) {
      for (let i = 0; i < 5; i++) await login(t, { username, password: `Wrong#${i}` }, freshIp());
    }
    const real = await login(t, { username: 'real_user', password: TEST_PASSWORD }, freshIp());
    const ghost = await login(t, { username: 'ghost_user', password: TEST_PASSWORD }, freshIp());
    expect(real.statusCode).toBe(429);
    expect(ghost.statusCode).toBe(429);
    expect(ghost.body).toBe(real.body);
  });

  it('gives a shared address more room than one account: 20 failures across usernames lock it, not 5', async () => {
    await buildAccount(t, { org: sucheng, role: 'viewer', username: 'zhouqi' });
    const office = freshIp();
    for (let i = 0; i < 5; i++) await login(t, { username: `typo${i}`, password: 'Wrong#Pass2026' }, office);
    // A colleague behind the same NAT still signs in after 5 strangers' mistakes.
    expect((await login(t, { username: 'zhouqi', password: TEST_PASSWORD }, office)).statusCode).toBe(200);
    for (let i = 5; i < 20; i++) await login(t, { username: `guess${i}`, password: 'Wrong#Pass2026' }, office);
    const fromAttacker = await login(t, { username: 'zhouqi', password: TEST_PASSWORD }, office);
    expect(fromAttacker.statusCode).toBe(429);
    // The message names the cause (the address), and the same for any username.
    expect(fromAttacker.json().error.code).toBe('address_locked');
    expect((await login(t, { username: 'nobody_here', password: TEST_PASSWORD }, office)).body).toBe(fromAttacker.body);
    expect((await login(t, { username: 'zhouqi', password: TEST_PASSWORD }, freshIp())).statusCode).toBe(200);
  });

  it("lets an administrator see and lift an account's lock; a password reset lifts it too", async () => {
    const { id } = await buildAccount(t, { org: sucheng, role: 'viewer', username: 'locked_out' });
    const lockOut = async () => {
      for (let i = 0; i < 5; i++) await login(t, { username: 'locked_out', password: `Wrong#${i}` }, freshIp());
    };
    await lockOut();
    expect((await login(t, { username: 'locked_out', password: TEST_PASSWORD }, freshIp())).json().error.code).toBe(
      'account_locked',
    );
    expect((await get(t, `/api/v1/accounts/${id}`, adminCookie)).json().is_locked).toBe(true);
    const unlocked = await post(t, `/api/v1/accounts/${id}/unlock`, adminCookie);
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json().is_locked).toBe(false);
    expect(await auditActions(t, 'admin')).toContain('account.unlocked');
    expect((await login(t, { username: 'locked_out', password: TEST_PASSWORD }, freshIp())).statusCode).toBe(200);
    await lockOut();
    expect(
      (await post(t, `/api/v1/accounts/${id}/reset-password`, adminCookie, { password: 'Fresh#Start2026' })).statusCode,
    ).toBe(204);
    expect((await login(t, { username: 'locked_out', password: 'Fresh#Start2026' }, freshIp())).statusCode).toBe(200);
  });
});

describe('sessions end', () => {
  it('after 30 idle minutes, but not before', async () => {
    const { id } = await buildAccount(t, { org: sucheng, role: 'viewer', username: 'idle_user' });
    const cookie = await signIn(t, 'idle_user');
    await t.db
      .updateTable('sessions')
      .set({ last_seen_at: sql`now() - interval '29 minutes'` })
      .where('account_id', '=', id)
      .execute();
    expect((await get(t, '/api/v1/me', cookie)).statusCode).toBe(200);
    await t.db
      .updateTable('sessions')
      .set({ last_seen_at: sql`now() - interval '31 minutes'` })
      .where('account_id', '=', id)
      .execute();
    // The clock moved in the database only: this node's cached actor (5 s) would not have lived 31 minutes.
    t.deps.state.actorCache.drop(sha256(cookie.split('=')[1]!).toString('hex'));
    const res = await get(t, '/api/v1/me', cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('session_expired');
  });

  it('at the absolute limit, however active', async () => {
    const { id } = await buildAccount(t, { org: sucheng, role: 'viewer', username: 'long_user' });
    const cookie = await signIn(t, 'long_user');
    const session = await t.db
      .selectFrom('sessions')
      .select(['created_at', 'expires_at'])
      .where('account_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(session.expires_at.getTime() - session.created_at.getTime()).toBe(12 * 3600_000);
    await t.db
      .updateTable('sessions')
      .set({ expires_at: sql`now() - interval '1 second'` })
      .where('account_id', '=', id)
      .execute();
    const res = await get(t, '/api/v1/me', cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('session_expired');
  });

  it('on logout, which clears the cookie and is audited', async () => {
    const { id } = await buildAccount(t, { org: sucheng, role: 'viewer', username: 'leaving_user' });
    const cookie = await signIn(t, 'leaving_user');
    const res = await post(t, '/api/v1/auth/logout', cookie);
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(/^gh_session=;.*Expires=Thu, 01 Jan 1970/);
    expect((await get(t, '/api/v1/me', cookie)).statusCode).toBe(401);
    expect(await t.db.selectFrom('sessions').select('token_hash').where('account_id', '=', id).execute()).toEqual([]);
    expect(await auditActions(t, '(leaving_user)')).toEqual(['auth.login', 'auth.logout']);
  });

  it('when an administrator disables the account; it then cannot sign in', async () => {
    const { id } = await buildAccount(t, { org: sucheng, role: 'viewer', username: 'disabled_user' });
    const cookie = await signIn(t, 'disabled_user');
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/${id}`,
      headers: { cookie: adminCookie },
      payload: { status: 'disabled' },
    });
    expect(res.statusCode).toBe(200);
    expect((await get(t, '/api/v1/me', cookie)).statusCode).toBe(401);
    const again = await login(t, { username: 'disabled_user', password: TEST_PASSWORD }, freshIp());
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('invalid_credentials');
  });
});

describe('password change', () => {
  it('restricts a session that must change its password until it does', async () => {
    await buildAccount(t, { org: sucheng, role: 'org_admin', username: 'new_cadre', mustChangePassword: true });
    const res = await login(t, { username: 'new_cadre', password: TEST_PASSWORD });
    expect(res.json().me.restriction).toBe('password_change');
    const cookie = cookieOf(res);
    const blocked = await get(t, '/api/v1/orgs', cookie);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('restricted_session');
    expect((await get(t, '/api/v1/me', cookie)).statusCode).toBe(200);
    expect(
      (
        await post(t, '/api/v1/auth/password', cookie, {
          current_password: TEST_PASSWORD,
          new_password: 'Fresh#Pass2026',
        })
      ).statusCode,
    ).toBe(204);
    expect((await get(t, '/api/v1/orgs', cookie)).statusCode).toBe(200);
    expect((await get(t, '/api/v1/me', cookie)).json().restriction).toBeNull();
    expect((await login(t, { username: 'new_cadre', password: 'Fresh#Pass2026' })).json().me.restriction).toBeNull();
  });

  it('restricts a session whose password is older than 90 days (mlps3)', async () => {
    const old = new Date(Date.now() - 91 * 86_400_000);
    await buildAccount(t, { org: sucheng, role: 'viewer', username: 'old_password', passwordChangedAt: old });
    await buildAccount(t, {
      org: sucheng,
      role: 'viewer',
      username: 'recent_password',
      passwordChangedAt: new Date(Date.now() - 89 * 86_400_000),
    });
    expect((await login(t, { username: 'old_password', password: TEST_PASSWORD })).json().me.restriction).toBe(
      'password_change',
    );
    expect((await login(t, { username: 'recent_password', password: TEST_PASSWORD })).json().me.restriction).toBeNull();
  });

  it('refuses a wrong current password and a password the policy rejects', async () => {
    await buildAccount(t, { org: sucheng, role: 'viewer', username: 'changer' });
    const cookie = await signIn(t, 'changer');
    const wrongCurrent = await post(t, '/api/v1/auth/password', cookie, {
      current_password: 'Wrong#Pass2026',
      new_password: 'Fresh#Pass2026',
    });
    expect(wrongCurrent.statusCode).toBe(422);
    expect(wrongCurrent.json().error.fields).toHaveProperty('current_password');
    for (const weak of ['Ab1!', 'abcdefgh12', 'correct horse battery staple', 'Xchanger#2026', TEST_PASSWORD]) {
      const res = await post(t, '/api/v1/auth/password', cookie, {
        current_password: TEST_PASSWORD,
        new_password: weak,
      });
      expect(res.statusCode, weak).toBe(422);
      expect(res.json().error, weak).toMatchObject({
        code: 'password_policy',
        fields: { new_password: expect.any(String) },
      });
    }
    expect((await login(t, { username: 'changer', password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('counts a wrong current password as a failed sign-in: after 5 the account is locked, and each is audited', async () => {
    const { id } = await buildAccount(t, { org: sucheng, role: 'viewer', username: 'cookie_thief' });
    const cookie = await signIn(t, 'cookie_thief');
    const change = (current_password: string) =>
      post(t, '/api/v1/auth/password', cookie, { current_password, new_password: 'Taken#Over2026' }, freshIp());
    for (let i = 0; i < 5; i++) {
      const res = await change(`Wrong#${i}`);
      expect(res.statusCode).toBe(422);
      expect(res.json().error.fields).toHaveProperty('current_password');
    }
    const right = await change(TEST_PASSWORD);
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('account_locked');
    // The same lock as sign-in: the password was not changed, and signing in is refused too.
    expect((await login(t, { username: 'cookie_thief', password: TEST_PASSWORD }, freshIp())).json().error.code).toBe(
      'account_locked',
    );
    const rows = await t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'details'])
      .where('action', '=', 'auth.password_change_failed')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(rows).toHaveLength(6);
    expect(JSON.stringify(rows)).not.toMatch(/Wrong#|Taken#|Test@/);
  });

  it('lets no more than 5 parallel wrong current passwords be checked', async () => {
    await buildAccount(t, { org: sucheng, role: 'viewer', username: 'burst_changer' });
    const cookie = await signIn(t, 'burst_changer');
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        post(t, '/api/v1/auth/password', cookie, { current_password: `Wrong#${i}`, new_password: 'Taken#Over2026' }),
      ),
    );
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 422).length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(7);
  });

  it('ends the other sessions of the account', async () => {
    await buildAccount(t, { org: sucheng, role: 'viewer', username: 'two_devices' });
    const laptop = await signIn(t, 'two_devices');
    const phone = await signIn(t, 'two_devices');
    expect(
      (
        await post(t, '/api/v1/auth/password', laptop, {
          current_password: TEST_PASSWORD,
          new_password: 'Fresh#Pass2026',
        })
      ).statusCode,
    ).toBe(204);
    expect((await get(t, '/api/v1/me', laptop)).statusCode).toBe(200);
    expect((await get(t, '/api/v1/me', phone)).statusCode).toBe(401);
  });

  describe('under the asvs profile', () => {
    let asvs: Awaited<ReturnType<typeof withApp>>;
    beforeAll(async () => {
      asvs = await withApp({ passwordProfile: 'asvs' });
    });
    afterAll(() => asvs?.close());

    it('wants length rather than character classes, and no periodic change', async () => {
      await buildAccount(asvs, {
        org: asvs.county,
        role: 'viewer',
        username: 'asvs_user',
        passwordChangedAt: new Date(Date.now() - 400 * 86_400_000),
      });
      const res = await login(asvs, { username: 'asvs_user', password: TEST_PASSWORD });
      expect(res.json().me).toMatchObject({ restriction: null, password_profile: 'asvs' });
      const cookie = cookieOf(res);
      const short = await post(asvs, '/api/v1/auth/password', cookie, {
        current_password: TEST_PASSWORD,
        new_password: 'Ab1!cd2@',
      });
      expect(short.statusCode).toBe(422);
      expect(short.json().error.fields.new_password).toContain('12');
      expect(
        (
          await post(asvs, '/api/v1/auth/password', cookie, {
            current_password: TEST_PASSWORD,
            new_password: 'correct horse battery staple',
          })
        ).statusCode,
      ).toBe(204);
      expect((await get(asvs, '/api/v1/config')).json().password_profile).toBe('asvs');
    });
  });
});

describe('TOTP second factor', () => {
  it('once confirmed, sign-in needs a valid code', async () => {
    await buildAccount(t, { org: sucheng, role: 'viewer', username: 'totp_user' });
    const cookie = await signIn(t, 'totp_user');
    const setup = await post(t, '/api/v1/auth/totp/setup', cookie);
    expect(setup.statusCode).toBe(200);
    expect(setup.headers['cache-control']).toBe('no-store');
    const { secret, otpauth_url } = setup.json() as { secret: string; otpauth_url: string };
    expect(otpauth_url).toMatch(/^otpauth:\/\/totp\/.*totp_user/);
    // Not in force until confirmed.
    expect((await login(t, { username: 'totp_user', password: TEST_PASSWORD })).statusCode).toBe(200);
    const badConfirm = await post(t, '/api/v1/auth/totp/confirm', cookie, { code: wrongTotp(secret) });
    expect(badConfirm.json().error.code).toBe('totp_invalid');
    const totp = new TOTP({ secret: Secret.fromBase32(secret) });
    expect((await post(t, '/api/v1/auth/totp/confirm', cookie, { code: totp.generate() })).statusCode).toBe(204);
    expect((await get(t, '/api/v1/me', cookie)).json().totp_enabled).toBe(true);

    const noCode = await login(t, { username: 'totp_user', password: TEST_PASSWORD }, freshIp());
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe('totp_required');
    expect(noCode.headers['set-cookie']).toBeUndefined();
    const wrongCode = await login(
      t,
      { username: 'totp_user', password: TEST_PASSWORD, totp: wrongTotp(secret) },
      freshIp(),
    );
    expect(wrongCode.statusCode).toBe(401);
    expect(wrongCode.json().error.code).toBe('totp_invalid');
    // The confirm used this time step's code; the next step's code is inside the ±1 window.
    const nextCode = totp.generate({ timestamp: Date.now() + 30_000 });
    const ok = await login(t, { username: 'totp_user', password: TEST_PASSWORD, totp: nextCode }, freshIp());
    expect(ok.statusCode).toBe(200);
    // A code is good once: replaying it (e.g. shoulder-surfed) is refused.
    const replay = await login(t, { username: 'totp_user', password: TEST_PASSWORD, totp: nextCode }, freshIp());
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('totp_invalid');

    // A session alone cannot swap the factor out (a stolen cookie must not switch TOTP off).
    const again = await post(t, '/api/v1/auth/totp/setup', cookie);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('totp_already_enabled');
    expect((await get(t, '/api/v1/me', cookie)).json().totp_enabled).toBe(true);
    expect((await login(t, { username: 'totp_user', password: TEST_PASSWORD }, freshIp())).json().error.code).toBe(
      'totp_required',
    );
    expect(await auditActions(t, 'totp_user')).toEqual(
      expect.arrayContaining(['account.totp_setup_started', 'account.totp_enabled']),
    );
  });

  it('after a lost phone, an administrator resets the factor (with a reason) and the owner enrols again', async () => {
    await buildAccount(t, { org: sucheng, role: 'viewer', username: 'lost_phone' });
    const cookie = await signIn(t, 'lost_phone');
    const { secret } = (await post(t, '/api/v1/auth/totp/setup', cookie)).json() as { secret: string };
    expect(
      (
        await post(t, '/api/v1/auth/totp/confirm', cookie, {
          code: new TOTP({ secret: Secret.fromBase32(secret) }).generate(),
        })
      ).statusCode,
    ).toBe(204);
    const { id } = await t.db
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', 'lost_phone')
      .executeTakeFirstOrThrow();

    const noReason = await post(t, `/api/v1/accounts/${id}/reset-totp`, adminCookie, {});
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.fields).toHaveProperty('reason');
    expect(
      (await post(t, `/api/v1/accounts/${id}/reset-totp`, adminCookie, { reason: '手机丢失，本人电话确认' }))
        .statusCode,
    ).toBe(204);
    // The old sessions end; sign-in no longer asks for a code; a second reset has nothing to reset.
    expect((await get(t, '/api/v1/me', cookie)).statusCode).toBe(401);
    const again = await login(t, { username: 'lost_phone', password: TEST_PASSWORD }, freshIp());
    expect(again.statusCode).toBe(200);
    expect(again.json().me.totp_enabled).toBe(false);
    expect(
      (await post(t, `/api/v1/accounts/${id}/reset-totp`, adminCookie, { reason: '再次重置' })).json().error.code,
    ).toBe('conflict');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('action', '=', 'account.totp_reset')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit).toEqual([{ action: 'account.totp_reset', reason: '手机丢失，本人电话确认' }]);
    // The owner can enrol a new phone now.
    expect((await post(t, '/api/v1/auth/totp/setup', cookieOf(again))).statusCode).toBe(200);
  });

  describe('when the deployment requires it', () => {
    let strict: Awaited<ReturnType<typeof withApp>>;
    beforeAll(async () => {
      strict = await withApp({ requireTotp: true });
    });
    afterAll(() => strict?.close());

    it('gives a session that can only enrol until it has', async () => {
      await buildAccount(strict, { org: strict.county, role: 'org_admin', username: 'must_enrol' });
      const res = await login(strict, { username: 'must_enrol', password: TEST_PASSWORD });
      expect(res.json().me.restriction).toBe('totp_enrollment');
      const cookie = cookieOf(res);
      expect((await get(strict, '/api/v1/orgs', cookie)).json().error.code).toBe('restricted_session');
      const { secret } = (await post(strict, '/api/v1/auth/totp/setup', cookie)).json() as { secret: string };
      expect(
        (
          await post(strict, '/api/v1/auth/totp/confirm', cookie, {
            code: new TOTP({ secret: Secret.fromBase32(secret) }).generate(),
          })
        ).statusCode,
      ).toBe(204);
      expect((await get(strict, '/api/v1/orgs', cookie)).statusCode).toBe(200);
    });
  });
});

describe('member sign-in by phone', () => {
  const phone = '13812345678';

  it('validates the phone number', async () => {
    for (const bad of ['1234', '23812345678', '138123456789']) {
      const res = await post(t, '/api/v1/otp', undefined, { phone: bad, purpose: 'login' }, freshIp());
      expect(res.statusCode, bad).toBe(422);
      expect(res.json().error.fields, bad).toHaveProperty('phone');
    }
  });

  it('sends a code, refuses a wrong one, and signs the member in with the right one', async () => {
    const sent = await post(t, '/api/v1/otp', undefined, { phone: '+86 138-1234-5678', purpose: 'login' }, freshIp());
    expect(sent.statusCode).toBe(200);
    const code = sent.json().dev_code as string;
    expect(sent.json()).toEqual({ sent: true, expires_in: 300, dev_code: expect.stringMatching(/^\d{6}$/) });
    expect(t.sms.at(-1)).toEqual({ phone, text: expect.stringContaining(code) });

    const again = await post(t, '/api/v1/otp', undefined, { phone, purpose: 'login' }, freshIp());
    expect(again.statusCode).toBe(429);
    expect(again.json().error.code).toBe('otp_too_frequent');

    const wrong = await post(t, '/api/v1/auth/member-login', undefined, {
      phone,
      otp: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error).toMatchObject({ code: 'otp_invalid', fields: { otp: expect.any(String) } });
    expect(wrong.headers['set-cookie']).toBeUndefined();

    const ok = await post(t, '/api/v1/auth/member-login', undefined, { phone, otp: code });
    expect(ok.statusCode).toBe(200);
    const cookie = cookieOf(ok);
    expect((await get(t, '/api/v1/me', cookie)).json()).toEqual({ kind: 'worker', phone_masked: '138****5678' });
    const cadreRoute = await get(t, '/api/v1/orgs', cookie);
    expect(cadreRoute.statusCode).toBe(401);
    expect(cadreRoute.json().error.code).toBe('unauthenticated');
    // A code works once.
    expect((await post(t, '/api/v1/auth/member-login', undefined, { phone, otp: code })).statusCode).toBe(422);
  });

  it('sends one code to a phone however many requests for it arrive at once, from however many addresses', async () => {
    const target = '13612345678';
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        post(t, '/api/v1/otp', undefined, { phone: target, purpose: 'login' }, freshIp()),
      ),
    );
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 429, 429, 429, 429, 429]);
    expect(t.sms.filter((m) => m.phone === target)).toHaveLength(1);
  });

  it('compares no more than 5 guesses of one code, however many arrive at once', async () => {
    const burstPhone = '13912345678';
    const sent = await post(t, '/api/v1/otp', undefined, { phone: burstPhone, purpose: 'login' }, freshIp());
    const code = sent.json().dev_code as string;
    const wrong = Array.from({ length: 10 }, (_, i) => String((Number(code) + i + 1) % 1_000_000).padStart(6, '0'));
    const answers = await Promise.all(
      wrong.map((otp) => post(t, '/api/v1/auth/member-login', undefined, { phone: burstPhone, otp }, freshIp())),
    );
    // Five were compared (wrong); the rest found the code already used up.
    expect(answers.map((r) => r.json().error?.code).sort()).toEqual([
      ...Array(5).fill('otp_exhausted'),
      ...Array(5).fill('otp_invalid'),
    ]);
    const row = await t.db
      .selectFrom('otp_codes')
      .select('attempts')
      .where('phone_hash', '=', t.cipher.blindIndex(burstPhone))
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(5);
    // The code is spent: even the right one is refused now, and the answer says to get a new one.
    const spent = await post(t, '/api/v1/auth/member-login', undefined, { phone: burstPhone, otp: code });
    expect(spent.statusCode).toBe(422);
    expect(spent.json().error).toMatchObject({
      code: 'otp_exhausted',
      fields: { otp: '验证码错误次数过多，已失效，请重新获取' },
    });
  });

  it('audits a code sent, a wrong code and a worker’s sign-out once each, with the phone masked', async () => {
    const own = '13700001234';
    const masked = '137****1234';
    const rowsOf = async (action: string) =>
      (
        await t.db
          .selectFrom('audit_log')
          .select(['action', 'actor_label', 'entity_type', 'entity_id', 'org_path', 'reason', 'details'])
          .where('action', '=', action)
          .execute()
      ).filter((r) => JSON.stringify(r).includes(masked));
    const sent = await post(t, '/api/v1/otp', undefined, { phone: own, purpose: 'login' }, freshIp());
    const code = sent.json().dev_code as string;
    const otpSent = await rowsOf('auth.otp_sent');
    expect(otpSent).toHaveLength(1);
    expect(JSON.stringify(otpSent)).not.toContain(code);
    const wrong = await post(t, '/api/v1/auth/member-login', undefined, {
      phone: own,
      otp: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(422);
    expect(await rowsOf('auth.member_login_failed')).toHaveLength(1);
    const cookie = cookieOf(await post(t, '/api/v1/auth/member-login', undefined, { phone: own, otp: code }));
    expect((await post(t, '/api/v1/auth/logout', cookie)).statusCode).toBe(204);
    expect(await rowsOf('auth.member_logout')).toHaveLength(1);
    const everything = await t.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify(everything)).not.toContain(own);
  });

  describe('when the SMS gateway fails', () => {
    let broken: TestApp;
    beforeAll(async () => {
      broken = await t.withConfig({ demo: false }, { sms: createDisabledSmsSender() });
    });
    afterAll(() => broken?.close());

    it('answers 503 unavailable and keeps no code, so the resend limit is not spent', async () => {
      // A phone of its own: the database is shared with the tests above.
      const unreached = '13800000503';
      for (let i = 0; i < 2; i++) {
        const res = await post(broken, '/api/v1/otp', undefined, { phone: unreached, purpose: 'login' }, freshIp());
        expect(res.statusCode).toBe(503);
        expect(res.json().error.code).toBe('unavailable');
      }
      const kept = await broken.db
        .selectFrom('otp_codes')
        .select('id')
        .where('phone_hash', '=', broken.cipher.blindIndex(unreached))
        .execute();
      expect(kept).toEqual([]);
    });
  });

  describe('outside demo mode', () => {
    let live: Awaited<ReturnType<typeof withApp>>;
    beforeAll(async () => {
      live = await withApp({ demo: false });
    });
    afterAll(() => live?.close());

    it('sends the code by SMS only, never in the answer', async () => {
      const phone = '13800000200';
      const res = await post(live, '/api/v1/otp', undefined, { phone, purpose: 'login' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ sent: true, expires_in: 300 });
      const code = /(\d{6})/.exec(live.sms.at(-1)!.text)![1]!;
      expect(res.body).not.toContain(code);
      expect((await post(live, '/api/v1/auth/member-login', undefined, { phone, otp: code })).statusCode).toBe(200);
    });
  });
});

describe('rate limits', () => {
  let limited: Awaited<ReturnType<typeof withApp>>;
  beforeAll(async () => {
    limited = await withApp({ rateLimit: { global: 100_000, auth: 3 } });
  });
  afterAll(() => limited?.close());

  it('answers the 4th sign-in within a minute with 429 in the error shape', async () => {
    await buildAccount(limited, { org: limited.county, role: 'viewer', username: 'busy_user' });
    for (let i = 0; i < 3; i++)
      expect((await login(limited, { username: 'busy_user', password: TEST_PASSWORD })).statusCode).toBe(200);
    const res = await login(limited, { username: 'busy_user', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(429);
    expect(res.json()).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    // Another client is not held back.
    expect((await login(limited, { username: 'busy_user', password: TEST_PASSWORD }, '10.9.9.9')).statusCode).toBe(200);
  });
});
