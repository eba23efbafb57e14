/** Test code: members straight into a test app's database (product code never imports this). */
import { testIdNumber } from '../../../common/id-number';
import type { Occupation } from '../../../common/members';
import { systemContext, withTransaction } from '../../http/context';
import type { TestApp } from '../../testing/test-app';
import { sealIdNumber, sealPhone } from './personal';
import { createMember, type NewMember } from './service';

let seq = 0;

/** A fresh test ID number (address prefix 99, valid check character), different on every call. */
export function nextTestIdNumber(): string {
  seq++;
  const year = 1970 + (seq % 35);
  const month = String((seq % 12) + 1).padStart(2, '0');
  const day = String((seq % 28) + 1).padStart(2, '0');
  return testIdNumber(`${year}-${month}-${day}`, seq, `99${String(seq % 10000).padStart(4, '0')}`);
}

/** `id` with another check character: well formed, but not a valid ID number (whatever its check was, X included). */
export function wrongCheckCharacter(id: string): string {
  return id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
}

/** A fresh mobile number. */
export function nextTestPhone(): string {
  return `137${String(++seq).padStart(8, '0')}`;
}

/** Registers a member in `orgId` through the one member insert (createMember), as the system. */
export async function buildMember(
  t: Pick<TestApp, 'deps'>,
  orgId: number,
  opts: Partial<Omit<NewMember, 'id' | 'phone' | 'orgId'>> & {
    idNumber?: string;
    phone?: string | null;
    occupation?: Occupation;
  } = {},
): Promise<{ id: number; member_no: string; idNumber: string; phone: string | null }> {
  const idNumber = opts.idNumber ?? nextTestIdNumber();
  const phone = opts.phone === undefined ? nextTestPhone() : opts.phone;
  const ctx = systemContext(t.deps);
  const row = await withTransaction(ctx, (tx) =>
    createMember(tx, {
      orgId,
      channel: opts.channel ?? 'cadre',
      name: opts.name ?? `会员${seq}`,
      id: sealIdNumber(ctx.cipher, idNumber),
      phone: phone ? sealPhone(ctx.cipher, phone) : null,
      occupation: opts.occupation ?? 'delivery_rider',
      platform: opts.platform ?? null,
      employer: opts.employer ?? null,
      joinedOn: opts.joinedOn,
    }),
  );
  return { id: row.id, member_no: row.member_no, idNumber, phone };
}
