import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatOrgCode } from '../../../common/org-code';
import { buildOrg, buildWorld, type BuiltOrg } from '../orgs/orgs.factories';
import { nextTestIdNumber, nextTestPhone } from '../members/members.factories';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { buildApplication } from './joins.factories';

/** Numbers the generator hands out before it draws at random again: the test forces clashes with them. */
const forced = vi.hoisted(() => [] as string[]);
const drawn = vi.hoisted(() => [] as string[]);
vi.mock('./application-no', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./application-no')>();
  return {
    newApplicationNo: () => {
      const no = forced.shift() ?? actual.newApplicationNo();
      drawn.push(no);
      return no;
    },
  };
});

let t: TestApp;
let autoUnion: BuiltOrg, reviewUnion: BuiltOrg;
let taken: string;
let ipSeq = 0;

beforeAll(async () => {
  t = await createTestApp();
  const w = await buildWorld(t);
  autoUnion = await buildOrg(t, { parent: w.street, name: '宿迁美团骑手工会联合会', type: 'joint_union' });
  reviewUnion = await buildOrg(t, { parent: w.street, name: '宿迁市洋河物流有限公司工会', type: 'enterprise_union' });
  await t.db.insertInto('join_settings').values({ org_id: autoUnion.id, auto_approve: true }).execute();
  await t.db.insertInto('join_settings').values({ org_id: reviewUnion.id, auto_approve: false }).execute();
  taken = (await buildApplication(t, reviewUnion.id)).application_no;
});
afterAll(() => t.close());
beforeEach(() => {
  forced.length = 0;
  drawn.length = 0;
});

/** A join as the H5 sends it, with its one-time code (demo mode answers with it). */
async function joinBody(orgId: number) {
  const phone = nextTestPhone();
  const otp = await t.app.inject({
    method: 'POST',
    url: '/api/v1/otp',
    payload: { phone, purpose: 'join' },
    remoteAddress: `10.8.0.${++ipSeq}`,
  });
  return {
    name: '王小明',
    id_number: nextTestIdNumber(),
    phone,
    otp: otp.json().dev_code as string,
    org_code: formatOrgCode(orgId),
    occupation: 'delivery_rider',
    consent: true,
  };
}

const join = (payload: object, key: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/join',
    payload,
    headers: { 'idempotency-key': key },
    remoteAddress: '10.9.9.9',
  });

const count = async (table: 'join_applications' | 'members') =>
  (
    await t.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

describe('an application number drawn twice', () => {
  it('is drawn again in the same join, and the key replays the one answer', async () => {
    const body = await joinBody(reviewUnion.id);
    const before = await count('join_applications');
    forced.push(taken, taken);
    const res = await join(body, 'clash-pending-1');
    expect(res.statusCode).toBe(201);
    expect(drawn).toHaveLength(3);
    expect(drawn.slice(0, 2)).toEqual([taken, taken]);
    expect(res.json()).toEqual({ application_no: drawn[2], status: 'pending' });
    expect(await count('join_applications')).toBe(before + 1);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'join.submitted')
      .where('details', '@>', JSON.stringify({ application_no: drawn[2] }) as never)
      .execute();
    expect(audit).toHaveLength(1);

    const replay = await join(body, 'clash-pending-1');
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(res.json());
    expect(await count('join_applications')).toBe(before + 1);
  });

  it('keeps the member an auto-approving union made before the number clashed', async () => {
    const body = await joinBody(autoUnion.id);
    const [apps, members] = [await count('join_applications'), await count('members')];
    forced.push(taken);
    const res = await join(body, 'clash-approved-1');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ application_no: drawn[1], status: 'approved' });
    expect(drawn[1]).not.toBe(taken);
    expect([await count('join_applications'), await count('members')]).toEqual([apps + 1, members + 1]);
    const app = await t.db
      .selectFrom('join_applications')
      .select(['member_id', 'status'])
      .where('application_no', '=', drawn[1]!)
      .executeTakeFirstOrThrow();
    const member = await t.db
      .selectFrom('members')
      .select('member_no')
      .where('id', '=', app.member_id!)
      .executeTakeFirstOrThrow();
    expect(member.member_no).toBe(res.json().member_no);
  });

  it('gives up after three clashes with a 409 to resubmit, writing nothing', async () => {
    const body = await joinBody(autoUnion.id);
    const [apps, members] = [await count('join_applications'), await count('members')];
    forced.push(taken, taken, taken);
    const res = await join(body, 'clash-thrice-1');
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'conflict', message: '暂时未能分配申请编号，请重新提交' });
    expect(drawn).toEqual([taken, taken, taken]);
    expect([await count('join_applications'), await count('members')]).toEqual([apps, members]);
  });
});
