import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext, withTransaction, type Ctx } from '../../http/context';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { recordAudit } from './record';
import { verifyAuditChain } from './verify';

let t: TestApp;
let ctx: Ctx;
let nextEntity = 700_000;

beforeAll(async () => {
  t = await createTestApp();
  ctx = systemContext(t.deps);
});
afterAll(() => t?.close());

const rowsAbout = (ids: number[]) =>
  t.db
    .selectFrom('audit_log')
    .select(['entity_id', 'chain_seq', 'at'])
    .where('entity_type', '=', 'org')
    .where(
      'entity_id',
      'in',
      ids.map((id) => String(id)),
    )
    .orderBy('chain_seq')
    .execute();

const note = (tx: Pick<Ctx, 'db' | 'actor' | 'ip' | 'atCommit'>, id: number) =>
  recordAudit(tx, { action: 'org.updated', entityType: 'org', entityId: id, details: { probe: true } });

// The chain's head is locked by each audit insert until its commit (docs/decisions/0009), so a
// transaction writes its audit rows last, at the commit (server/http/context.ts TransactionEnd).
describe('audit rows of a transaction', () => {
  it('are written at its commit, in the order recorded, at the transaction’s time, and chain', async () => {
    const [a, b] = [++nextEntity, ++nextEntity];
    const seenDuringWork = await withTransaction(ctx, async (tx) => {
      await note(tx, a);
      await note(tx, b);
      return (
        await tx.db
          .selectFrom('audit_log')
          .select('id')
          .where('entity_id', 'in', [String(a), String(b)])
          .execute()
      ).length;
    });
    expect(seenDuringWork).toBe(0); // not yet: the head is not locked while the work runs
    const rows = await rowsAbout([a, b]);
    expect(rows.map((r) => r.entity_id)).toEqual([String(a), String(b)]);
    expect(Number(rows[1]!.chain_seq)).toBe(Number(rows[0]!.chain_seq) + 1);
    expect(rows[0]!.at.getTime()).toBe(rows[1]!.at.getTime()); // now(): the transaction's start, as before
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('vanish with a transaction that fails after recording them', async () => {
    const a = ++nextEntity;
    await expect(
      withTransaction(ctx, async (tx) => {
        await note(tx, a);
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    expect(await rowsAbout([a])).toEqual([]);
  });

  it('are never dropped when recorded through a context kept past its commit', async () => {
    const a = ++nextEntity;
    const kept = await withTransaction(ctx, async (tx) => tx);
    // There is no commit left to write it at: it goes to the (finished) transaction at once and fails loudly.
    await expect(note(kept, a)).rejects.toThrow();
    expect(await rowsAbout([a])).toEqual([]);
  });

  it('outside a transaction are written at once', async () => {
    const a = ++nextEntity;
    await note(ctx, a);
    expect((await rowsAbout([a])).map((r) => r.entity_id)).toEqual([String(a)]);
  });
});

// PGlite has one connection: only on PostgreSQL can another transaction try the head meanwhile.
describe.runIf(process.env.GONGHUI_TEST_DB === 'postgres')('the chain head (PostgreSQL)', () => {
  it('stays free while a transaction that recorded an audit row is still working', async () => {
    const a = ++nextEntity;
    let recorded!: () => void;
    const hasRecorded = new Promise<void>((resolve) => (recorded = resolve));
    let probed!: () => void;
    const hasProbed = new Promise<void>((resolve) => (probed = resolve));
    const write = withTransaction(ctx, async (tx) => {
      await note(tx, a);
      recorded();
      await hasProbed; // the transaction is open and working while the head is tried
    });
    await hasRecorded;
    // Another transaction takes the head without waiting (NOWAIT fails at once when it is held).
    const free = await t.db
      .transaction()
      .execute(async (trx) => (await sql`SELECT seq FROM audit_chain_head FOR UPDATE NOWAIT`.execute(trx)).rows.length)
      .finally(probed);
    await write;
    expect(free).toBe(1);
    expect((await rowsAbout([a])).map((r) => r.entity_id)).toEqual([String(a)]);
  });
});
