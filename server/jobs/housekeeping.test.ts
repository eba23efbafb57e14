import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunner } from './runner';
import { buildAccount } from '../features/accounts/accounts.factories';
import { signIn } from '../features/auth/auth.factories';
import { buildOrg } from '../features/orgs/orgs.factories';
import { createTestApp, type TestApp } from '../testing/test-app';
import { housekeepingJob } from '../features/system/housekeeping';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

/** Fires the hourly slot at `at` and runs it; returns the run's result. */
async function runHousekeepingAt(at: string) {
  const runner = createRunner(t.deps, [housekeepingJob], { now: () => new Date(at), progressEveryMs: 0 });
  await runner.tick();
  expect(await runner.runNext()).toBe(true);
  const run = await t.db.selectFrom('jobs').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
  expect(run).toMatchObject({ name: 'system.housekeeping', state: 'succeeded', progress: 100, started_by: null });
  return run.result;
}

describe('housekeeping, the hourly system.housekeeping job', () => {
  it('deletes dead sessions, old failures, codes, idempotency keys and old runs, and keeps live ones', async () => {
    const root = await buildOrg(t, { name: '中华全国总工会', type: 'national_federation', region_code: '110000' });
    await buildAccount(t, { org: root, role: 'national_admin', username: 'keeper' });
    await signIn(t, 'keeper');
    const live = await signIn(t, 'keeper');
    // The older session has been idle for 31 minutes; the newer one stays live.
    const rows = await t.db.selectFrom('sessions').select('token_hash').orderBy('created_at').execute();
    await t.db
      .updateTable('sessions')
      .set({ last_seen_at: sql`now() - interval '31 minutes'` })
      .where('token_hash', '=', rows[0]!.token_hash)
      .execute();
    await t.db
      .insertInto('login_failures')
      .values([{ key: 'ip:old', at: sql`now() - interval '2 hours'` }, { key: 'ip:new' }])
      .execute();
    await t.db
      .insertInto('otp_codes')
      .values([
        {
          phone_hash: Buffer.from('a'),
          purpose: 'login',
          code_hash: Buffer.from('x'),
          expires_at: sql`now() - interval '2 days'`,
          created_at: sql`now() - interval '2 days'`,
        },
        {
          phone_hash: Buffer.from('b'),
          purpose: 'login',
          code_hash: Buffer.from('y'),
          expires_at: sql`now() + interval '5 minutes'`,
        },
      ])
      .execute();
    await t.db
      .insertInto('otp_address_failures')
      .values([{ address: '10.0.0.1', created_at: sql`now() - interval '25 hours'` }, { address: '10.0.0.2' }])
      .execute();
    await t.db
      .insertInto('idempotency_keys')
      .values([
        {
          key: 'old-key-0001',
          scope: 's',
          request_hash: Buffer.from('h'),
          created_at: sql`now() - interval '25 hours'`,
        },
        { key: 'new-key-0001', scope: 's', request_hash: Buffer.from('h') },
      ])
      .execute();

    await t.db
      .insertInto('jobs')
      .values([
        {
          name: 'system.old',
          permission: 'audit.read',
          state: 'succeeded',
          finished_at: sql`now() - interval '31 days'`,
        },
        {
          name: 'system.recent',
          permission: 'audit.read',
          state: 'failed',
          finished_at: sql`now() - interval '29 days'`,
        },
      ])
      .execute();

    expect(await runHousekeepingAt('2026-12-01T10:05:00+08:00')).toEqual({
      sessions: 1,
      failures: 1,
      otpCodes: 1,
      otpAddressFailures: 1,
      idempotencyKeys: 1,
      jobRuns: 1,
    });
    expect(
      (await t.db.selectFrom('jobs').select('name').where('name', 'like', 'system.%').execute())
        .map((r) => r.name)
        .sort(),
    ).toEqual(['system.housekeeping', 'system.recent']);
    expect((await t.db.selectFrom('login_failures').select('key').execute()).map((r) => r.key)).toEqual(['ip:new']);
    expect((await t.db.selectFrom('idempotency_keys').select('key').execute()).map((r) => r.key)).toEqual([
      'new-key-0001',
    ]);
    expect(await t.db.selectFrom('otp_codes').select('id').execute()).toHaveLength(1);
    expect((await t.db.selectFrom('otp_address_failures').select('address').execute()).map((r) => r.address)).toEqual([
      '10.0.0.2',
    ]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: live } })).statusCode).toBe(200);
    // The next hour's pass finds nothing more.
    expect(await runHousekeepingAt('2026-12-01T11:00:00+08:00')).toEqual({
      sessions: 0,
      failures: 0,
      otpCodes: 0,
      otpAddressFailures: 0,
      idempotencyKeys: 0,
      jobRuns: 0,
    });
  });
});
