import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount } from './features/accounts/accounts.factories';
import { signIn } from './features/auth/auth.factories';
import { buildOrg, type BuiltOrg } from './features/orgs/orgs.factories';
import { createTestApp, type TestApp } from './testing/test-app';

const onPostgres = process.env.GONGHUI_TEST_DB === 'postgres';
let t: TestApp;
let parent: BuiltOrg;
let cookie: string;

beforeAll(async () => {
  t = await createTestApp();
  const root = await buildOrg(t, { name: '中华全国总工会', type: 'national_federation', region_code: '110000' });
  parent = await buildOrg(t, {
    parent: root,
    name: '江苏省总工会',
    type: 'provincial_federation',
    region_code: '320000',
  });
  await buildAccount(t, { org: parent, role: 'org_admin', username: 'idem_admin' });
  cookie = await signIn(t, 'idem_admin');
});
afterAll(() => t?.close());

const create = (name: string, key: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/orgs',
    headers: { cookie, 'idempotency-key': key },
    payload: { parent_id: parent.id, name, type: 'enterprise_union', region_code: '320100' },
  });
const countNamed = async (name: string) =>
  (await t.db.selectFrom('orgs').select('id').where('name', '=', name).execute()).length;

/**
 * Makes the database die at the moment the answer is stored, after the write: on PostgreSQL the
 * backend serving the request is terminated (what a crash of the app or the database does to an
 * open transaction); on PGlite, which has no backend to kill, the statement fails instead.
 */
async function crashWhenTheAnswerIsStored() {
  const die = onPostgres ? 'PERFORM pg_terminate_backend(pg_backend_pid());' : "RAISE EXCEPTION 'simulated crash';";
  await sql
    .raw(
      `CREATE FUNCTION crash_on_answer() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${die} RETURN NEW; END $$;
       CREATE TRIGGER crash_on_answer BEFORE UPDATE ON idempotency_keys FOR EACH ROW
         WHEN (NEW.status_code IS NOT NULL) EXECUTE FUNCTION crash_on_answer();`,
    )
    .execute(t.db);
  return () =>
    sql
      .raw('DROP TRIGGER crash_on_answer ON idempotency_keys; DROP FUNCTION crash_on_answer();')
      .execute(t.db)
      .then(() => undefined);
}

describe('an idempotent write keeps its key and answer in its own transaction', () => {
  it('a crash between the write and storing the answer leaves neither, so the retry writes exactly once', async () => {
    const recover = await crashWhenTheAnswerIsStored();
    const crashed = await create('崩溃重试测试工会', 'crash-retry-0001');
    await recover();
    expect(crashed.statusCode).toBe(500);
    // Nothing of the crashed attempt survived: no org, no key that would block or mislead the retry.
    expect(await countNamed('崩溃重试测试工会')).toBe(0);
    expect(
      await t.db.selectFrom('idempotency_keys').select('key').where('key', '=', 'crash-retry-0001').execute(),
    ).toEqual([]);

    const retry = await create('崩溃重试测试工会', 'crash-retry-0001');
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    const again = await create('崩溃重试测试工会', 'crash-retry-0001');
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(retry.json());
    expect(await countNamed('崩溃重试测试工会')).toBe(1);
  });

  it('a write that fails keeps no key: the corrected retry is not refused as a replay', async () => {
    const taken = await create('重名测试工会', 'dup-name-0001');
    expect(taken.statusCode).toBe(201);
    const clash = await create('重名测试工会', 'dup-name-0002');
    expect(clash.statusCode).toBe(409);
    expect(
      await t.db.selectFrom('idempotency_keys').select('key').where('key', '=', 'dup-name-0002').execute(),
    ).toEqual([]);
  });

  it('duplicates sent at the same instant write once; the others replay the committed answer', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => create('并发幂等测试工会', 'same-moment-0001')));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(5);
    expect(await countNamed('并发幂等测试工会')).toBe(1);
  });
});
