/**
 * The figures' daily roll-up (case_figure_days, docs/decisions/0019) against the live sums over the
 * cases, after every kind of change that moves a figure: intake, dispatch, signing, a reply with
 * wages recovered, closing, the requester's rating, reopening, a return and a re-dispatch to
 * another union, a move of a union in the tree; over periods whose edges cut Shanghai days.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoFromDay, parseIsoDate, startOfDay } from '../../../common/calendar/days';
import { systemContext, withTransaction } from '../../http/context';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { buildOrg, buildWorld, type BuiltOrg, type World } from '../orgs/orgs.factories';
import { buildCase, buildCaseRow, stepCase } from './cases.factories';
import { rebuildCaseFigureDays, sumCaseFigureDays, sumCaseFigures } from './figures-sql';
import { rateByRequester } from './steps';

let t: TestApp;
let w: World;
let streetB: BuiltOrg;
let county2: BuiltOrg;

const at = (s: string) => new Date(`${s}+08:00`);

/** Periods as the API takes them (Shanghai dates, inclusive): around the November / December edge. */
const PERIODS: Array<[string, string]> = [
  ['2026-11-01', '2026-11-30'],
  ['2026-11-30', '2026-11-30'],
  ['2026-12-01', '2026-12-01'],
  ['2026-12-01', '2026-12-31'],
  ['2026-01-01', '2026-12-31'],
];

/** Every org and period: the roll-up's answer equals the live sums over the cases. */
async function expectRollupEqualsLive(orgs: BuiltOrg[]) {
  for (const org of orgs)
    for (const [from, to] of PERIODS) {
      const fromDay = parseIsoDate(from)!;
      const toDay = parseIsoDate(to)!;
      const live = await sumCaseFigures(t.db, org.path, new Date(startOfDay(fromDay)), new Date(startOfDay(toDay + 1)));
      const rolled = await sumCaseFigureDays(t.db, org.id, isoFromDay(fromDay), isoFromDay(toDay));
      expect(rolled, `${org.name} ${from}–${to}`).toEqual(live);
    }
}

/** The roll-up's rows as the triggers keep them (rows netted to nothing left out). */
const rollupRows = () =>
  t.db.selectFrom('case_figure_days').selectAll().where('cases', '<>', 0).orderBy('org_id').orderBy('day').execute();

const orgsNow = async (): Promise<BuiltOrg[]> => {
  const rows = await t.db.selectFrom('orgs').select(['id', 'name', 'path', 'level']).execute();
  return rows as unknown as BuiltOrg[];
};

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  streetB = await buildOrg(t, { parent: w.sucheng, name: '项里街道总工会', type: 'subdistrict_union' });
  county2 = await buildOrg(t, {
    parent: w.suqian,
    name: '宿豫区总工会',
    type: 'county_federation',
    region_code: '321311',
  });
});
afterAll(() => t.close());

describe('the figures’ roll-up', () => {
  const ids: Record<string, number> = {};
  const open = async (name: string, receivedAt: string, wageClaimedFen?: number) => {
    const c = await buildCase(t, {
      kind: 'complaint',
      subject: 'wage_arrears',
      channel: 'hotline',
      name: '张三',
      phone: '13900001111',
      wageClaimedFen,
      receivingOrgId: w.sucheng.id,
      now: at(receivedAt),
    });
    ids[name] = c.id;
  };
  const all = () => [w.root, w.jiangsu, w.suqian, w.sucheng, w.street, streetB, w.jiangxi, county2];

  it('counts each case at its receipt, the last second of a Shanghai day and the first of the next apart', async () => {
    await open('a', '2026-11-30T23:59:59', 800_000);
    await open('b', '2026-12-01T00:00:00');
    await open('c', '2026-11-15T10:00:00');
    await buildCaseRow(t, {
      receiving: w.sucheng,
      handling: w.jiangxi,
      receivedAt: at('2026-12-01T08:00:00'),
      dueAt: at('2026-12-20T00:00:00'),
    });
    const nov30 = await sumCaseFigureDays(t.db, w.sucheng.id, '2026-11-30', '2026-11-30');
    expect(nov30).toMatchObject({ cases: 1, wage_claimed_fen: 800_000, counts: { new: 1 } });
    expect(await sumCaseFigureDays(t.db, w.jiangxi.id, '2026-12-01', '2026-12-01')).toMatchObject({
      cases: 1,
      dispatched: 1,
    });
    await expectRollupEqualsLive(all());
  });

  it('follows dispatch, signing, a reply with wages recovered, closing and the rating', async () => {
    await stepCase(t, ids.a!, 'dispatch', 'dispatcher', { org_id: w.street.id }, at('2026-12-01T09:00:00'));
    await stepCase(t, ids.b!, 'dispatch', 'dispatcher', { org_id: w.street.id }, at('2026-12-01T09:00:00'));
    await expectRollupEqualsLive(all());
    expect(await sumCaseFigureDays(t.db, w.street.id, '2026-11-01', '2026-12-31')).toMatchObject({
      cases: 2,
      dispatched: 2,
      counts: { dispatched: 2 },
    });
    await stepCase(t, ids.a!, 'sign', 'handler', {}, at('2026-12-01T10:00:00'));
    await stepCase(
      t,
      ids.a!,
      'reply',
      'handler',
      { reason: '已协调支付', wage_recovered_fen: 500_000 },
      at('2026-12-02T10:00:00'),
    );
    await expectRollupEqualsLive(all());
    await stepCase(t, ids.a!, 'review_pass', 'dispatcher', {}, at('2026-12-02T11:00:00'));
    await withTransaction(systemContext(t.deps), (tx) =>
      rateByRequester(
        tx,
        ids.a!,
        { rating: 'unsatisfied', resolved: true, reason: '只付了一部分' },
        at('2026-12-03T11:00:00'),
      ),
    );
    await expectRollupEqualsLive(all());
    expect(await sumCaseFigureDays(t.db, w.suqian.id, '2026-11-30', '2026-11-30')).toMatchObject({
      cases: 1,
      signed_on_time: 1,
      closed: 1,
      resolved: 1,
      rated: 1,
      unsatisfied: 1,
      wage_recovered_fen: 500_000,
      handling_days_n: 1,
      counts: { closed: 1, new: 0 },
    });
  });

  it('takes back the closing and the rating when a case is reopened', async () => {
    await stepCase(t, ids.a!, 'reopen', 'dispatcher', { reason: '职工反映工资仍未付清' }, at('2026-12-04T09:00:00'));
    await expectRollupEqualsLive(all());
    expect(await sumCaseFigureDays(t.db, w.sucheng.id, '2026-11-30', '2026-11-30')).toMatchObject({
      closed: 0,
      rated: 0,
      unsatisfied: 0,
      handling_days_n: 0,
      counts: { in_progress: 1, closed: 0 },
    });
  });

  it('moves a case’s figures to the union it is re-dispatched to', async () => {
    await stepCase(t, ids.b!, 'return', 'handler', { reason: '不属于本街道辖区' }, at('2026-12-01T12:00:00'));
    await expectRollupEqualsLive(all());
    await stepCase(t, ids.b!, 'dispatch', 'dispatcher', { org_id: streetB.id }, at('2026-12-01T13:00:00'));
    await expectRollupEqualsLive(all());
    expect(await sumCaseFigureDays(t.db, w.street.id, '2026-12-01', '2026-12-01')).toMatchObject({ cases: 0 });
    expect(await sumCaseFigureDays(t.db, streetB.id, '2026-12-01', '2026-12-01')).toMatchObject({
      cases: 1,
      dispatched: 1,
    });
  });

  it('leaves a change rolled back out', async () => {
    const before = await rollupRows();
    await expect(
      t.db.transaction().execute(async (trx) => {
        await buildCaseRow(
          { db: trx, cipher: t.cipher },
          {
            receiving: w.sucheng,
            handling: w.street,
            receivedAt: at('2026-11-20T10:00:00'),
            dueAt: at('2026-12-20T00:00:00'),
          },
        );
        await sql`UPDATE cases SET handling_org_id = ${w.jiangxi.id} WHERE id = ${ids.b!}`.execute(trx);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await rollupRows()).toEqual(before);
  });

  it('moves a union’s subtree figures with it when the union moves in the tree, as a rebuild would sum them', async () => {
    await stepCase(t, ids.c!, 'dispatch', 'dispatcher', { org_id: streetB.id }, at('2026-11-15T11:00:00'));
    // streetB (two cases) moves from 宿城区 to 宿豫区 as POST /orgs/:id/move does it: parent, then paths.
    const newPath = `${county2.path}.${streetB.id}`;
    await t.db.transaction().execute(async (trx) => {
      await trx.updateTable('orgs').set({ parent_id: county2.id }).where('id', '=', streetB.id).execute();
      await sql`UPDATE orgs SET path = ${newPath}::ltree WHERE id = ${streetB.id}`.execute(trx);
    });
    expect(await sumCaseFigureDays(t.db, county2.id, '2026-11-01', '2026-12-31')).toMatchObject({ cases: 2 });
    expect(await sumCaseFigureDays(t.db, w.suqian.id, '2026-11-01', '2026-12-31')).toMatchObject({ cases: 3 });
    expect(await sumCaseFigureDays(t.db, w.sucheng.id, '2026-11-01', '2026-12-31')).toMatchObject({ cases: 1 });
    const kept = await rollupRows();
    await rebuildCaseFigureDays(t.db);
    expect(await rollupRows()).toEqual(kept);
    // The cases' parties moved with the union (migration T0920), so the lists and the live sums
    // agree with the roll-up everywhere, the moved subtree and both its old and new parents included.
    const parties = await t.db
      .selectFrom('cases')
      .select(sql<string[]>`party_paths::text[]`.as('paths'))
      .where('handling_org_id', '=', streetB.id)
      .execute();
    expect(parties).toHaveLength(2);
    for (const p of parties) {
      expect(p.paths).toContain(newPath);
      expect(p.paths.filter((x) => x.startsWith(`${w.sucheng.path}.`))).toEqual([]);
    }
    await expectRollupEqualsLive(await orgsNow());
  });

  it('rebuilds to what the triggers kept', async () => {
    const kept = await rollupRows();
    expect(kept.length).toBeGreaterThan(0);
    await sql`DELETE FROM case_figure_days`.execute(t.db);
    await rebuildCaseFigureDays(t.db);
    expect(await rollupRows()).toEqual(kept);
    await expectRollupEqualsLive(await orgsNow());
  });
});
