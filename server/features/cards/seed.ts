import { testIdNumber } from '../../../common/id-number';
import { withTransaction, type Ctx } from '../../http/context';
import type { DemoWorld } from '../../http/feature';
import { createMember } from '../members/service';
import { sealIdNumber, sealPhone } from '../members/personal';

/** The demo member whose phone signs in on the H5 to show the card (e2e/card.test.ts uses it). */
export const DEMO_CARD_PHONE = '13900001234';

/** Where the card member belongs: a grassroots union (a county federation takes no members, MEMBER_ORG_TYPES). */
export const DEMO_CARD_ORG = 'js.sq.sc.delivery.eleme';

/**
 * One demo member of 饿了么宿城配送站点工会 (under 宿城区总工会) with a phone, so the card can be
 * shown and verified in the demo, and a transfer asked for on the H5 (e2e/card.test.ts, e2e/transfers.test.ts).
 */
export async function seedDemoCards(ctx: Ctx, world: DemoWorld): Promise<void> {
  const orgId = world.orgIds.get(DEMO_CARD_ORG);
  if (!orgId) return;
  await withTransaction(ctx, (tx) =>
    createMember(tx, {
      orgId,
      channel: 'qr',
      name: '李师傅',
      id: sealIdNumber(tx.cipher, testIdNumber('1986-04-12', 17, '990330')),
      phone: sealPhone(tx.cipher, DEMO_CARD_PHONE),
      occupation: 'delivery_rider',
      platform: '饿了么',
      employer: '宿迁饿了么蜂鸟配送站',
      joinedOn: '2025-05-01',
    }),
  );
}
