import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../common/errors';
import { systemContext, withTransaction } from '../../http/context';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { buildWorld, type World } from '../orgs/orgs.factories';
import { isValidMemberNo } from './member-no';
import { buildMember, nextTestIdNumber } from './members.factories';
import { sealIdNumber } from './personal';
import { createMember, moveMember } from './service';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(() => t.close());

describe('createMember', () => {
  it('gives a 12-digit number led by the root region, with a valid check digit, and stores no number in the clear', async () => {
    const m = await buildMember(t, w.street.id, { name: '王小骑' });
    expect(m.member_no).toMatch(/^11\d{10}$/);
    expect(isValidMemberNo(m.member_no)).toBe(true);
    const row = await t.db.selectFrom('members').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(m.idNumber);
    expect(JSON.stringify(row)).not.toContain(m.phone!);
    expect(row).toMatchObject({ name_pinyin: 'wangxiaoqi', name_initials: 'wxq', is_new_form: true, status: 'active' });
    expect(t.cipher.decrypt(row.id_enc)).toBe(m.idNumber);
  });

  it('refuses a second membership with a 409 that names the holding union masked', async () => {
    const m = await buildMember(t, w.street.id);
    const err = await buildMember(t, w.jiangxi.id, { idNumber: m.idNumber }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('already_member');
    expect((err as AppError).fields?.id_number).toContain('「幸福***工会」');
    expect((err as AppError).fields?.id_number).not.toContain(m.idNumber);
  });

  it('gives a lapsed member their number back; numbers are never reused', async () => {
    const m = await buildMember(t, w.street.id);
    await t.db
      .updateTable('members')
      .set({ status: 'lapsed', lapsed_on: '2026-01-01' })
      .where('id', '=', m.id)
      .execute();
    const back = await buildMember(t, w.jiangxi.id, { idNumber: m.idNumber });
    expect(back.member_no).toBe(m.member_no);
    const row = await t.db
      .selectFrom('members')
      .select(['org_id', 'status'])
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ org_id: w.jiangxi.id, status: 'active' });
  });

  it('makes one member of two concurrent joins with one ID number', async () => {
    const idNumber = nextTestIdNumber();
    const results = await Promise.allSettled([
      buildMember(t, w.street.id, { idNumber }),
      buildMember(t, w.sucheng.id, { idNumber }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const id = sealIdNumber(t.cipher, idNumber);
    const rows = await t.db.selectFrom('members').select('id').where('id_hash', '=', id.id_hash).execute();
    expect(rows).toHaveLength(1);
  });

  it('moves a member and refuses to move a lapsed one', async () => {
    const m = await buildMember(t, w.street.id);
    const ctx = systemContext(t.deps);
    await withTransaction(ctx, (tx) => moveMember(tx, m.id, w.sucheng.id));
    await t.db.updateTable('members').set({ status: 'lapsed' }).where('id', '=', m.id).execute();
    await expect(withTransaction(ctx, (tx) => moveMember(tx, m.id, w.street.id))).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      withTransaction(ctx, (tx) =>
        createMember(tx, {
          orgId: w.street.id,
          channel: 'cadre',
          name: '坏号',
          id: sealIdNumber(ctx.cipher, '11010519491231002X'.replace('X', '1')),
          phone: null,
          occupation: 'other',
        }),
      ),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: { id_number: expect.stringContaining('校验位') } });
  });
});
