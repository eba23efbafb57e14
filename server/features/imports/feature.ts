import { join } from 'node:path';
import type { Feature } from '../../http/feature';
import type { ImportKind } from '../../http/import-kind';
import { runImportJob } from './job';
import { importRoutes } from './routes';
import { DEFAULT_RUN_OPTIONS, type RunOptions } from './run-import';
import { DEFAULT_XLSX_LIMITS, type XlsxLimits } from './xlsx-guard';

declare module '../../http/context' {
  interface FeatureState {
    imports: ImportsState;
  }
}

/** The imports feature's process state: every kind the features declare, where uploads go, the limits. */
export interface ImportsState {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  kinds: ReadonlyMap<string, ImportKind<any, any>>;
  /** Uploaded workbooks wait here (`<DATA_DIR>/imports/`) until their import ends. */
  dir: string;
  limits: XlsxLimits;
  /** How a run reads and writes (batch size, row maximum); tests make batches small. */
  run: Omit<RunOptions, 'signal' | 'progress'>;
}

/** Every feature's import kinds by name; a kind must be named after its feature, and once. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function collectImportKinds(features: readonly Feature[]): Map<string, ImportKind<any, any>> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const kinds = new Map<string, ImportKind<any, any>>();
  for (const feature of features)
    for (const kind of feature.importKinds ?? []) {
      if (!kind.name.startsWith(`${feature.name}.`))
        throw new Error(`import kind ${kind.name} must be named ${feature.name}.<what> (feature ${feature.name})`);
      if (kinds.has(kind.name)) throw new Error(`import kind ${kind.name} is declared twice`);
      kinds.set(kind.name, kind);
    }
  return kinds;
}

/** Spreadsheet import and export, one mechanism for every feature (docs/decisions/0014-spreadsheets.md). */
export const importsFeature: Feature = {
  name: 'imports',
  routes: importRoutes,
  createState: ({ config }, features) => ({
    imports: {
      kinds: collectImportKinds(features),
      dir: join(config.dataDir, 'imports'),
      limits: { ...DEFAULT_XLSX_LIMITS },
      run: { batchSize: DEFAULT_RUN_OPTIONS.batchSize, maxRows: DEFAULT_RUN_OPTIONS.maxRows },
    },
  }),
  jobs: [runImportJob],
  sealedColumns: [{ table: 'import_errors', key: ['import_id', 'row_number'], columns: ['raw_enc'] }],
};
