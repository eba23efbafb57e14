import { testIdNumber } from '../../../common/id-number';
import { withTransaction, type Ctx } from '../../http/context';
import type { DemoWorld } from '../../http/feature';
import { createMember } from '../members/service';
import { sealIdNumber, sealPhone } from '../members/personal';

/** The demo member whose phone signs in on the H5 to show the card (e2e/card.test.ts uses it). */
export const DEMO_CARD_PHONE = '13900001234';

/**
 * One demo member of 宿城区总工会 with a phone, so the card can be shown and verified in the demo.
 * The members feature's own demo seed is written separately; this one stays until it lands.
 */
export async function seedDemoCards(ctx: Ctx, world: DemoWorld): Promise<void> {
  const orgId = world.orgIds.get('js.sq.sc');
  if (!orgId) return;
  await withTransaction(ctx, (tx) =>
    createMember(tx, {
      orgId,
      channel: 'qr',
      name: '李师傅',
      id: sealIdNumber(tx.cipher, testIdNumber('1986-04-12', 17, '990330')),
      phone: sealPhone(tx.cipher, DEMO_CARD_PHONE),
      occupation: 'delivery_rider',
      platform: '美团',
      joinedOn: '2025-05-01',
    }),
  );
}
