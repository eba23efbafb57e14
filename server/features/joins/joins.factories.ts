/** Test code: join applications straight through submitJoin (product code never imports this). */
import type { Occupation } from '../../../common/members';
import { systemContext, withTransaction } from '../../http/context';
import type { TestApp } from '../../testing/test-app';
import { nextTestIdNumber, nextTestPhone } from '../members/members.factories';
import { sealIdNumber, sealPhone } from '../members/personal';
import { submitJoin } from './service';
import { backdateApplication } from './sql';
import * as q from './sql';

/**
 * Files an application to `orgId` as the H5 would after its one-time code: pending in a union
 * that reviews, approved in one that approves at once, pooled when `orgId` is a holding pool.
 */
export async function buildApplication(
  t: Pick<TestApp, 'deps'>,
  orgId: number,
  opts: { name?: string; idNumber?: string; phone?: string; occupation?: Occupation; hoursAgo?: number } = {},
): Promise<{ id: number; application_no: string; status: string; version: number; phone: string; idNumber: string }> {
  const idNumber = opts.idNumber ?? nextTestIdNumber();
  const phone = opts.phone ?? nextTestPhone();
  const ctx = systemContext(t.deps);
  return withTransaction(ctx, async (tx) => {
    const answer = await submitJoin(tx, {
      name: opts.name ?? '申请人',
      id: sealIdNumber(ctx.cipher, idNumber),
      phone: sealPhone(ctx.cipher, phone),
      rawPhone: phone,
      otp: '',
      orgId,
      foundBy: 'qr',
      occupation: opts.occupation ?? 'delivery_rider',
      platform: null,
      employer: null,
      workRegionCode: '321302',
      residenceRegionCode: null,
    });
    const row = (await q.findApplicationByNo(tx.db, answer.application_no))!;
    if (opts.hoursAgo) await backdateApplication(tx.db, Number(row.id), opts.hoursAgo);
    return {
      id: Number(row.id),
      application_no: answer.application_no,
      status: answer.status,
      version: 1,
      phone,
      idNumber,
    };
  });
}
