import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database';
import { listMigrations, migrate } from '../../db/migrate';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn } from '../auth/auth.factories';
import { buildWorld, type World } from '../orgs/orgs.factories';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { formatChainReport, verifyAuditChain } from './verify';

let t: TestApp;
let world: World;
let cookie: string;

const createOrg = async (name: string) => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/orgs',
    headers: { cookie },
    payload: { parent_id: world.street.id, name, type: 'enterprise_union', region_code: '321302' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
};
const auditRows = () =>
  t.db.selectFrom('audit_log').select(['id', 'chain_seq', 'action', 'details']).orderBy('chain_seq').execute();
/** What only the table's owner can do (the serving role cannot, see runtime-role.test.ts). */
const behindTheAppsBack = async (statement: ReturnType<typeof sql>) => {
  await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(t.db);
  try {
    await statement.execute(t.db);
  } finally {
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(t.db);
  }
};

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t);
  await buildAccount(t, { org: world.sucheng, role: 'org_admin', username: 'chain_admin' });
  cookie = await signIn(t, 'chain_admin');
  await createOrg('链测试甲工会');
  await createOrg('链测试乙工会');
  await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
  cookie = await signIn(t, 'chain_admin');
});
afterAll(() => t?.close());

describe('the audit chain', () => {
  it('links every row the app writes, and verifies', async () => {
    const rows = await auditRows();
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.map((r) => r.chain_seq)).toEqual(rows.map((_, i) => i + 1));
    const report = await verifyAuditChain(t.db);
    expect(report).toMatchObject({ ok: true, count: rows.length });
    expect(formatChainReport(report)).toMatch(new RegExp(`^OK: ${rows.length} audit rows`));
  });

  it('cannot be forged by a writer: the database sets the hashes', async () => {
    await t.db
      .insertInto('audit_log')
      .values({ actor_label: '测试', action: 'test.forged', chain_seq: 999, prev_hash: 'x', row_hash: 'y' } as never)
      .execute();
    const forged = await t.db
      .selectFrom('audit_log')
      .select(['chain_seq', 'row_hash'])
      .where('action', '=', 'test.forged')
      .executeTakeFirstOrThrow();
    expect(forged.chain_seq).not.toBe(999);
    expect(forged.row_hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('names exactly the row whose details were changed behind the app’s back', async () => {
    const rows = await auditRows();
    const victim = rows.find((r) => r.action === 'org.created')!;
    await behindTheAppsBack(sql`UPDATE audit_log SET details = '{"name":"别的名字"}' WHERE id = ${victim.id}`);
    const report = await verifyAuditChain(t.db);
    expect(report).toMatchObject({
      ok: false,
      broken: { id: victim.id, action: 'org.created', position: victim.chain_seq, problem: 'changed' },
    });
    expect(formatChainReport(report)).toContain(`#${victim.id} at `);
    // Put back as it was, the chain holds again.
    await behindTheAppsBack(
      sql`UPDATE audit_log SET details = ${JSON.stringify(victim.details)}::jsonb WHERE id = ${victim.id}`,
    );
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('names the place of a removed row, and a cut tail', async () => {
    const rows = await auditRows();
    const removed = rows[2]!;
    await behindTheAppsBack(sql`DELETE FROM audit_log WHERE id = ${removed.id}`);
    expect(await verifyAuditChain(t.db)).toMatchObject({
      ok: false,
      count: 2,
      broken: { position: removed.chain_seq, id: rows[3]!.id, problem: 'missing' },
    });
    const last = rows.at(-1)!;
    await behindTheAppsBack(sql`DELETE FROM audit_log WHERE chain_seq >= ${rows[2]!.chain_seq}`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, broken: { problem: 'missing_at_end' } });
    expect(last.chain_seq).toBe(rows.length);
  });
});

// PGlite has one connection, so only PostgreSQL runs these inserts really at the same time.
describe.runIf(process.env.GONGHUI_TEST_DB === 'postgres')('audited requests at the same time', () => {
  it('still chain in one order that verifies', async () => {
    const fresh = await createTestApp();
    try {
      const w = await buildWorld(fresh);
      await buildAccount(fresh, { org: w.sucheng, role: 'org_admin', username: 'parallel_admin' });
      const c = await signIn(fresh, 'parallel_admin');
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          fresh.app.inject({
            method: 'POST',
            url: '/api/v1/orgs',
            headers: { cookie: c },
            payload: {
              parent_id: w.street.id,
              name: `并发链测试${i}号工会`,
              type: 'enterprise_union',
              region_code: '321302',
            },
          }),
        ),
      );
      expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(201));
      expect(await verifyAuditChain(fresh.db)).toMatchObject({ ok: true, count: 21 });
    } finally {
      await fresh.close();
    }
  });
});

// The migration is the same SQL on both; one run of it (on embedded PGlite) is enough.
describe.runIf(process.env.GONGHUI_TEST_DB !== 'postgres')('the migration', () => {
  it('chains the rows written before it', async () => {
    const database = await openDatabase({ kind: 'pglite-memory' });
    try {
      const client = await database.pool.connect();
      try {
        await client.query(
          'CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
        );
        for (const m of listMigrations().filter((m) => m.name < '2026-12-01T0900')) {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name]);
        }
        for (const action of ['auth.login', 'org.created', 'auth.logout'])
          await client.query(
            `INSERT INTO audit_log (actor_label, action, org_path, details) VALUES ('旧记录', $1, '1.2', '{"k": [1, "二"]}')`,
            [action],
          );
      } finally {
        client.release();
      }
      expect(await migrate(database.pool)).toContain('2026-12-01T0900-audit-chain.sql');
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 3 });
      await database.db.insertInto('audit_log').values({ actor_label: '新记录', action: 'auth.login' }).execute();
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 4 });
    } finally {
      await database.close();
    }
  });
});
