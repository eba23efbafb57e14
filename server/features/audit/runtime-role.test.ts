import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { CLIENT_HEADER, CLIENT_HEADER_VALUE } from '../../../common/csrf';
import { buildApp } from '../../app';
import { openDatabase, type Database } from '../../db/database';
import { migrateAsOwner } from '../../db/migrate';
import { createDeps } from '../../deps';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn } from '../auth/auth.factories';
import { buildWorld, type World } from '../orgs/orgs.factories';
import { createTestApp, testConfig, type TestApp } from '../../testing/test-app';
import { verifyAuditChain } from './verify';

// Roles are cluster-wide, so this runs on PostgreSQL only, with a role name of its own.
describe.runIf(process.env.GONGHUI_TEST_DB === 'postgres')('the runtime database role (DESIGN.md §7)', () => {
  const role = `gh_rt_${randomBytes(4).toString('hex')}`;
  let t: TestApp;
  let runtime: Database;
  let app: FastifyInstance;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildWorld(t);
    await buildAccount(t, { org: world.sucheng, role: 'org_admin', username: 'rt_admin' });
    await sql`CREATE ROLE ${sql.id(role)} LOGIN`.execute(t.db);
    const ownerUrl = (t.database.pool as unknown as { options: { connectionString: string } }).options.connectionString;
    const runtimeUrl = new URL(ownerUrl);
    runtimeUrl.username = role;
    // What `npm run migrate` and the migrate-on-start do with MIGRATION_DATABASE_URL set.
    await migrateAsOwner({ migrationDatabaseUrl: ownerUrl, databaseUrl: runtimeUrl.toString() }, t.database.pool);
    runtime = await openDatabase({ kind: 'postgres', url: runtimeUrl.toString(), max: 2 });
    const config = testConfig();
    app = await buildApp(await createDeps(config, runtime.db, { sms: { name: 'test', send: async () => {} } }));
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
    await sql`DROP OWNED BY ${sql.id(role)}`.execute(t.db);
    await sql`DROP ROLE IF EXISTS ${sql.id(role)}`.execute(t.db);
    await t?.close();
  });

  it('does the app’s work: signs in and creates an org, each audited', async () => {
    const before = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(runtime.db)).rows[0]!.n;
    const cookie = await signIn({ app }, 'rt_admin');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      // This app is built by hand, not by createTestApp: it sends the web client's header itself.
      headers: { cookie, [CLIENT_HEADER]: CLIENT_HEADER_VALUE },
      payload: {
        parent_id: world.street.id,
        name: '运行角色测试工会',
        type: 'enterprise_union',
        region_code: '321302',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const after = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(runtime.db)).rows[0]!.n;
    expect(after).toBe(before + 2);
    // Its inserts chained by the owner's trigger, and it can verify the chain.
    expect(await verifyAuditChain(runtime.db)).toMatchObject({ ok: true, count: after });
  });

  it('cannot change, empty or unguard the audit log', async () => {
    for (const statement of [
      sql`UPDATE audit_log SET action = 'tampered'`,
      sql`DELETE FROM audit_log`,
      sql`TRUNCATE audit_log`,
      sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`,
      sql`ALTER TABLE audit_log DISABLE TRIGGER ALL`,
      sql`DROP TRIGGER audit_log_no_update ON audit_log`,
      sql`SET session_replication_role = replica`,
      sql`DROP TABLE audit_log`,
      sql`CREATE TABLE audit_copy (id int)`,
      sql`UPDATE schema_migrations SET name = name`,
      sql`UPDATE audit_chain_head SET seq = 0`,
    ])
      await expect(statement.execute(runtime.db), statement.compile(runtime.db).sql).rejects.toThrow(
        /permission denied|must be owner|must be superuser/,
      );
    const tampered = await sql`SELECT 1 FROM audit_log WHERE action = 'tampered'`.execute(t.db);
    expect(tampered.rows).toEqual([]);
  });

  it('refuses to grant a runtime role that owns what it should only use', async () => {
    const ownerUrl = (t.database.pool as unknown as { options: { connectionString: string } }).options.connectionString;
    await sql`CREATE TABLE owned_by_runtime (id int)`.execute(t.db);
    await sql`ALTER TABLE owned_by_runtime OWNER TO ${sql.id(role)}`.execute(t.db);
    const runtimeUrl = new URL(ownerUrl);
    runtimeUrl.username = role;
    await expect(
      migrateAsOwner({ migrationDatabaseUrl: ownerUrl, databaseUrl: runtimeUrl.toString() }, t.database.pool),
    ).rejects.toThrow(/must own nothing.*table owned_by_runtime/);
    await sql`DROP TABLE owned_by_runtime`.execute(t.db);
  });
});
