import type { Ctx } from './context';

/** What a kind of attachment may hold: images (re-encoded, metadata stripped) and/or PDF documents. */
export type FileClass = 'image' | 'pdf';

/**
 * One kind of attachment, declared by the feature that owns its records (`Feature.fileKinds`):
 * what it accepts, who may upload it, and how its files are read. The files feature
 * (server/features/files/) stores the bytes and enforces all of it; the owning feature attaches
 * uploads to its records through `attachFiles` inside its own write (docs/decisions/0012-uploads.md).
 */
export interface FileKind {
  /** `<feature>.<what>`, e.g. `stations.photo`, `cases.attachment`; stored on every file of the kind. */
  name: string;
  accepts: readonly FileClass[];
  /**
   * Public files (a station photo) are readable by anyone once attached and may be cached by
   * browsers and proxies; private ones only through `canRead`, and never cached.
   */
  isPublic: boolean;
  /** How many files one record may hold; also the most one upload request may carry. */
  maxPerRecord: number;
  /** Bytes per uploaded file; never above the deployment's FILES_MAX_BYTES (the default). */
  maxBytes?: number;
  /** Whether a caller nobody signed in may upload (a worker filing a case from the H5). */
  allowAnonymous?: boolean;
  /** Who else may upload: by default every signed-in account and worker. */
  canUpload?(ctx: Ctx): boolean;
  /**
   * Whether the actor may read the record `recordId` (and so its files): the record's own scope
   * check, answered in SQL as the record's single read does. False reads as a missing file (404).
   */
  canRead(ctx: Ctx, recordId: number): Promise<boolean>;
}

/** Declares a kind; the identity, there for the type. */
export function defineFileKind(kind: FileKind): FileKind {
  return kind;
}
