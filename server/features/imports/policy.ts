import type { AccountActor } from '../../http/actor';
import type { ImportKind } from '../../http/import-kind';
import { can, scopeFor } from '../../http/scope';
import type { ImportVisibility } from './sql';

/** Where the actor sees imports: per kind, where it holds the kind's permission (the rows hold personal data). */
export function importVisibility(actor: AccountActor, kinds: Iterable<ImportKind<unknown, unknown>>): ImportVisibility {
  return [...kinds].map((k) => ({ kind: k.name, scope: scopeFor(actor, k.permission) }));
}

/** Whether the actor may import this kind into the org at `orgPath`. */
export const canImportAt = (actor: AccountActor, kind: ImportKind<unknown, unknown>, orgPath: string) =>
  can(actor, kind.permission, orgPath);

/** Whether the actor holds the kind's permission anywhere (the template is theirs to download). */
export const canImportSomewhere = (actor: AccountActor, kind: ImportKind<unknown, unknown>) =>
  scopeFor(actor, kind.permission).paths.length > 0;
