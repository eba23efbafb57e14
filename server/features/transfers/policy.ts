import type { AccountActor } from '../../http/actor';
import { can } from '../../http/scope';

/**
 * Who answers a transfer: a holder of members.manage over the receiving union. Not joins.review:
 * a transfer does not admit anyone (the person is a member already and stays one), it changes which
 * union keeps a member's record, the same registry write the sending union's cadre needs
 * members.manage for when starting one. A union whose cadres only review joins cannot take over
 * or turn away another union's members.
 */
export const canAnswerTransfer = (actor: AccountActor, toOrgPath: string) => can(actor, 'members.manage', toOrgPath);

/** Who starts a transfer for a member, and cancels it while open: members.manage over the sending union. */
export const canSendTransfer = (actor: AccountActor, fromOrgPath: string) => can(actor, 'members.manage', fromOrgPath);
