/**
 * The context that carries the transaction (CONVENTIONS.md 16): a query that escapes the
 * transaction fails at once instead of hanging on PGlite's one connection, nested work joins the
 * outer transaction, the system acts as 系统, and a deadlock is retried instead of answering 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PoolUsedInTransactionError } from './db/database';
import { createDeps } from './deps';
import { recordAudit } from './features/audit/record';
import { buildAccount } from './features/accounts/accounts.factories';
import { signIn } from './features/auth/auth.factories';
import { buildOrg, type BuiltOrg } from './features/orgs/orgs.factories';
import { createTestApp, type TestApp } from './testing/test-app';
import { systemContext, withTransaction, type AppDeps } from './http/context';

let t: TestApp;
let deps: AppDeps;
let root: BuiltOrg;

beforeAll(async () => {
  t = await createTestApp();
  deps = await createDeps(t.config, t.db);
  root = await buildOrg(t, { name: '测试全总' });
});
afterAll(() => t?.close());

const countOrgsNamed = async (name: string) =>
  (
    await t.db
      .selectFrom('orgs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('name', '=', name)
      .executeTakeFirstOrThrow()
  ).n;

describe('withTransaction', () => {
  it('refuses at once a query that goes through the pool from inside a transaction', async () => {
    const started = Date.now();
    const outcome = withTransaction(systemContext(deps), async () => deps.db.selectFrom('orgs').select('id').execute());
    await expect(outcome).rejects.toBeInstanceOf(PoolUsedInTransactionError);
    await expect(outcome).rejects.toThrow(/use the transaction context/);
    expect(Date.now() - started).toBeLessThan(5_000);
    // The pool is still usable afterwards: the transaction was rolled back and its connection returned.
    expect((await t.db.selectFrom('orgs').select('id').execute()).length).toBeGreaterThan(0);
  });

  it('hands the work a context whose db is the transaction, and nested work joins it', async () => {
    const name = `嵌套事务${Date.now()}`;
    const failed = withTransaction(systemContext(deps), async (tx) => {
      expect(tx.db.isTransaction).toBe(true);
      await withTransaction(tx, async (inner) => {
        expect(inner.db).toBe(tx.db);
        await inner.db
          .insertInto('orgs')
          .values({
            id: 900_001,
            parent_id: root.id,
            path: `${root.path}.900001`,
            level: 2,
            name,
            type: 'enterprise_union',
            region_code: '321302',
            name_pinyin: 'x',
            name_initials: 'x',
          })
          .execute();
      });
      throw new Error('the outer work fails after the inner one wrote');
    });
    await expect(failed).rejects.toThrow('the outer work fails');
    expect(await countOrgsNamed(name)).toBe(0);
  });

  it('audits work done by the system as 系统, with no address', async () => {
    await withTransaction(systemContext(deps), (tx) =>
      recordAudit(tx, { action: 'org.created', entityType: 'org', entityId: 424242, orgPath: root.path }),
    );
    const row = await t.db
      .selectFrom('audit_log')
      .select(['actor_label', 'ip', 'account_id'])
      .where('entity_id', '=', '424242')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ actor_label: '系统', ip: null, account_id: null });
  });
});

// PGlite has one connection: two transactions never interleave there, so no deadlock can arise.
describe.runIf(process.env.GONGHUI_TEST_DB === 'postgres')('deadlocks (PostgreSQL)', () => {
  it('retries the transaction that lost a deadlock, so both writes land', async () => {
    const a = await buildOrg(t, { parent: root });
    const b = await buildOrg(t, { parent: root });
    let attempts = 0;
    let arrived = 0;
    let release!: () => void;
    const bothHoldOne = new Promise<void>((resolve) => (release = resolve));
    const lockInOrder = (first: number, second: number) =>
      withTransaction(systemContext(deps), async (tx) => {
        attempts++;
        await tx.db.selectFrom('orgs').select('id').where('id', '=', first).forUpdate().execute();
        if (++arrived === 2) release();
        await bothHoldOne;
        await tx.db.selectFrom('orgs').select('id').where('id', '=', second).forUpdate().execute();
        await tx.db
          .updateTable('orgs')
          .set({ short_name: `锁${first}` })
          .where('id', '=', first)
          .execute();
      });
    await Promise.all([lockInOrder(a.id, b.id), lockInOrder(b.id, a.id)]);
    expect(attempts).toBe(3); // two first tries, one of them the deadlock's victim, run again
    const names = await t.db.selectFrom('orgs').select(['id', 'short_name']).where('id', 'in', [a.id, b.id]).execute();
    expect(new Set(names.map((n) => n.short_name))).toEqual(new Set([`锁${a.id}`, `锁${b.id}`]));
  });

  it('answers crossing moves with one success and one refusal, never a 500 (finding 4)', async () => {
    const county = await buildOrg(t, { parent: root, type: 'county_federation' });
    await buildAccount(t, { org: county, role: 'org_admin', username: 'crossing_admin' });
    const cookie = await signIn(t, 'crossing_admin');
    const industrial = (parent: BuiltOrg) => buildOrg(t, { parent, type: 'industrial_union' });
    const move = (id: number, parentId: number) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/orgs/${id}/move`,
        headers: { cookie },
        payload: { parent_id: parentId },
      });
    // A and B side by side, C under A and D under B: A moving under D while B moves under C
    // would make a cycle, and each move locks its own pair first, then the other's child.
    for (let round = 0; round < 10; round++) {
      const [a, b] = [await industrial(county), await industrial(county)];
      const [c, d] = [await industrial(a), await industrial(b)];
      const answers = await Promise.all([move(a.id, d.id), move(b.id, c.id)]);
      const statuses = answers.map((r) => r.statusCode);
      const bodies = answers.map((r) => r.body).join('\n');
      expect(statuses, bodies).not.toContain(500);
      expect(
        statuses.filter((s) => s === 200),
        bodies,
      ).toHaveLength(1);
    }
  });
});
