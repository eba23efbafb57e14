import type { FastifyInstance } from 'fastify';
import type { JobDefinition } from '../jobs/job';
import type { AppDeps, Ctx, FeatureState } from './context';
import type { FileKind } from './file-kind';
import type { ImportKind } from './import-kind';
import type { SealedColumns } from '../db/rekey';

/** What the demo seed of one feature hands to the next (each seed reads what it needs). */
export interface DemoWorld {
  /** Demo org key (e.g. 'js.sq.sc') → org id. */
  orgIds: Map<string, number>;
}

/** One feature as the app sees it: its routes, its process state and its demo data. */
export interface Feature {
  name: string;
  /** Registers the feature's routes under /api/v1. */
  routes?(app: FastifyInstance): void;
  /**
   * Process state kept on each app node (see FeatureState in server/http/context.ts). `features`
   * is every feature of the app, for state built from what the others declare (their file kinds).
   */
  createState?(
    deps: Omit<AppDeps, 'state'>,
    features: readonly Feature[],
  ): Partial<FeatureState> | Promise<Partial<FeatureState>>;
  /** Stops what createState started (a timer, a listener on the database); called when the app closes. */
  stopState?(state: FeatureState): void | Promise<void>;
  /** Writes the feature's demo data (DESIGN.md §8) as the system, through its own insert functions. */
  seedDemo?(ctx: Ctx, world: DemoWorld): Promise<void>;
  /** The jobs whose work this feature owns (server/jobs/job.ts); the runner registers and schedules them. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  jobs?: readonly JobDefinition<any>[];
  /** The kinds of attachment whose records this feature owns (server/http/file-kind.ts), named `<feature>.<what>`. */
  fileKinds?: readonly FileKind[];
  /** The spreadsheet imports whose records this feature owns (server/http/import-kind.ts), named `<feature>.<what>`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  importKinds?: readonly ImportKind<any>[];
  /** The ciphertext columns of the feature's own tables, re-encrypted when a data key is added (system.rekey). */
  sealedColumns?: readonly SealedColumns[];
}
