import type { AccountActor } from '../../http/actor';
import { scopeFor, type Scope } from '../../http/scope';

/**
 * Which stations' visits and problems a console account sees: every station of the subtrees where it
 * holds stations.manage (the owning union's side), and the stations it is the keeper of where its
 * stations.keep grant covers the station's org. Applied in SQL (sql.ts seenStation) by every read.
 */
export interface StationsSeen {
  manage: Scope;
  keep: Scope;
  accountId: number;
}

export function stationsSeenBy(actor: AccountActor): StationsSeen {
  return {
    manage: scopeFor(actor, 'stations.manage'),
    keep: scopeFor(actor, 'stations.keep'),
    accountId: actor.accountId,
  };
}

/** Whether the account may look at visits and problems at all (else 403 on the lists). */
export const seesAnyStation = (seen: StationsSeen): boolean =>
  seen.manage.paths.length > 0 || seen.keep.paths.length > 0;

/** How long a person's visit to a station counts for: a second one within it is answered kindly and not counted. */
export const VISIT_WINDOW_MS = 3_600_000;
