import type { AccountActor } from '../../http/actor';
import { can } from '../../http/scope';

/** Whether the actor reviews joins (and sets how they are taken) for the union at `orgPath`. */
export const canReviewJoinsAt = (actor: AccountActor, orgPath: string) => can(actor, 'joins.review', orgPath);
