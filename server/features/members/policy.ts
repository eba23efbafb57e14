import type { AccountActor } from '../../http/actor';
import { can } from '../../http/scope';

/** Whether the actor may see a member's full ID number and phone (with a typed reason, audited). */
export const canUnmaskAt = (actor: AccountActor, orgPath: string) => can(actor, 'members.unmask', orgPath);
