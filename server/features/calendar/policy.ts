import type { AccountActor } from '../../http/actor';

/**
 * The calendar is the whole deployment's: entering a notice or overriding a day needs
 * `calendar.manage` held on the root org (the national admin's grant), not on some subtree.
 */
export const canManageCalendar = (actor: AccountActor) =>
  actor.grants.some((g) => g.permissions.has('calendar.manage') && !g.orgPath.includes('.'));
