/** A member's 变更记录 holds what happened to the member through other records: the join that made them, their transfers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn } from '../auth/auth.factories';
import { buildApplication } from '../joins/joins.factories';
import { buildOrg, buildWorld, type BuiltOrg, type World } from '../orgs/orgs.factories';
import { buildTransfer } from '../transfers/transfers.factories';

let t: TestApp;
let w: World;
let reviewUnion: BuiltOrg, riderUnion: BuiltOrg;
let admin: string;

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, payload, headers: { cookie: admin } });

const history = async (memberId: number) => {
  const res = await call('GET', `/members/${memberId}/history`);
  expect(res.statusCode).toBe(200);
  return res.json().items as Array<{ action: string; action_label: string; summary: string | null; at: string }>;
};

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  reviewUnion = await buildOrg(t, { parent: w.street, name: '宿迁市洋河物流有限公司工会', type: 'enterprise_union' });
  riderUnion = await buildOrg(t, { parent: w.street, name: '幸福街道快递员工会', type: 'joint_union' });
  await t.db.insertInto('join_settings').values({ org_id: reviewUnion.id, auto_approve: false }).execute();
  admin = await signIn(t, (await buildAccount(t, { org: w.sucheng, role: 'org_admin' })).username);
});
afterAll(() => t.close());

describe('GET /api/v1/members/:id/history', () => {
  it('lists the join, the review, an edit and each transfer step, newest first, each saying what it did', async () => {
    const application = await buildApplication(t, reviewUnion.id, { name: '周师傅' });
    const approved = await call('POST', `/joins/${application.id}/approve`, { version: 1 });
    expect(approved.statusCode).toBe(200);
    const { member_id: memberId } = await t.db
      .selectFrom('join_applications')
      .select('member_id')
      .where('id', '=', application.id)
      .executeTakeFirstOrThrow();
    const id = Number(memberId);
    const profile = (await call('GET', `/members/${id}`)).json();
    expect((await call('PATCH', `/members/${id}`, { version: profile.version, employer: '洋河物流' })).statusCode).toBe(
      200,
    );

    const away = await buildTransfer(t, { memberId: id, toOrgId: riderUnion.id, by: 'member' });
    expect((await call('POST', `/transfers/${away.id}/accept`, { version: 1 })).statusCode).toBe(200);
    const back = await buildTransfer(t, { memberId: id, toOrgId: reviewUnion.id });
    const refused = await call('POST', `/transfers/${back.id}/refuse`, { version: 1, reason: '本单位无此员工' });
    expect(refused.statusCode).toBe(200);
    // Another member's transfer between the same unions is not this member's history.
    const other = await buildTransfer(t, { fromOrgId: reviewUnion.id, toOrgId: riderUnion.id });

    const items = await history(id);
    const A = '「宿迁市洋河物流有限公司工会」';
    const B = '「幸福街道快递员工会」';
    expect(items.map((i) => [i.action, i.action_label, i.summary])).toEqual([
      ['transfer.refused', '拒绝会籍接转', `${A}未接收，会籍仍在${B}`],
      ['transfer.requested', '申请会籍接转', `申请从${B}转往${A}（工会办理）`],
      ['transfer.accepted', '接收会籍接转', `${B}已接收，会籍由${A}转入`],
      ['transfer.requested', '申请会籍接转', `申请从${A}转往${B}（会员本人申请）`],
      ['members.updated', '编辑会员信息', null],
      ['join.approved', '入会审核通过', `${A}审核通过入会申请 ${application.application_no}`],
      ['join.submitted', '提交入会申请', `码上入会申请 ${application.application_no}：${A}（待审核）`],
    ]);
    expect(items.find((i) => i.action === 'transfer.refused')).toMatchObject({ reason: '本单位无此员工' });
    const times = items.map((i) => Date.parse(i.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((await history(other.memberId)).map((i) => i.summary)).toEqual([`申请从${A}转往${B}（工会办理）`]);
  });
});
