import type { Feature } from '../../http/feature';
import type { FileKind } from '../../http/file-kind';
import { fileRoutes } from './routes';
import { createLocalStorage, type ObjectStorage } from './storage';
import { sweepOrphanFiles } from './sweep';

declare module '../../http/context' {
  interface FeatureState {
    files: FilesState;
  }
}

/** The files feature's process state: where the bytes go, and every kind the features declare. */
export interface FilesState {
  storage: ObjectStorage;
  kinds: ReadonlyMap<string, FileKind>;
}

/** Every feature's kinds by name; a kind must be named after its feature, and once. */
export function collectKinds(features: readonly Feature[]): Map<string, FileKind> {
  const kinds = new Map<string, FileKind>();
  for (const feature of features)
    for (const kind of feature.fileKinds ?? []) {
      if (!kind.name.startsWith(`${feature.name}.`))
        throw new Error(`file kind ${kind.name} must be named ${feature.name}.<what> (feature ${feature.name})`);
      if (kinds.has(kind.name)) throw new Error(`file kind ${kind.name} is declared twice`);
      if (kind.accepts.length === 0 || kind.maxPerRecord < 1) throw new Error(`file kind ${kind.name} accepts nothing`);
      kinds.set(kind.name, kind);
    }
  return kinds;
}

export const filesFeature: Feature = {
  name: 'files',
  routes: fileRoutes,
  createState: ({ config }, features) => ({
    files: { storage: createLocalStorage(config.dataDir), kinds: collectKinds(features) },
  }),
  jobs: [sweepOrphanFiles],
};
