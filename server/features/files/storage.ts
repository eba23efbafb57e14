import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';

/** One stored object as a listing shows it. */
export interface StoredObject {
  key: string;
  size: number;
  modifiedAt: Date;
}

/**
 * Where uploads' bytes live, by key (`files/2026/12/<uuid>/original.webp`): the local disk under
 * DATA_DIR (the default) or, next, an S3-compatible bucket with the very same keys, so moving a
 * deployment is a copy of the tree into the bucket. Keys are made by the files feature only.
 */
export interface ObjectStorage {
  readonly name: string;
  /** Writes the whole object or nothing (a reader never sees half of it). */
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The object's bytes, or null when there is none. */
  get(key: string): Promise<{ stream: Readable; size: number } | null>;
  /** Deletes the object; deleting a missing one is not an error (the sweep may run twice). */
  delete(key: string): Promise<void>;
  /** Every object whose key starts with `prefix` (a folder-like prefix ending in `/`). */
  list(prefix: string): AsyncIterable<StoredObject>;
}

/** Keys are ours, but a key that could climb out of the root is refused all the same. */
const KEY = /^files\/[0-9a-z/._-]+$/;

function checkKey(key: string): string {
  if (!KEY.test(key) || key.split('/').some((part) => part === '' || part === '.' || part === '..'))
    throw new Error(`invalid object key: ${key}`);
  return key;
}

/** Temporary names end in this; list() skips them and the sweep's age rule removes abandoned ones. */
const TEMP = '.tmp-';

/**
 * The local-disk driver: `${DATA_DIR}/<key>`. A put writes a temporary file beside the target
 * and renames it into place (atomic on one file system), so a crash leaves a whole object or a
 * temporary file, never a truncated object under its real name.
 */
export function createLocalStorage(dataDir: string): ObjectStorage {
  const root = resolve(dataDir);
  const pathOf = (key: string) => {
    const path = resolve(root, checkKey(key));
    if (!path.startsWith(root + sep)) throw new Error(`invalid object key: ${key}`);
    return path;
  };
  return {
    name: 'local',
    async put(key, body) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const temp = `${path}${TEMP}${randomBytes(6).toString('hex')}`;
      try {
        await writeFile(temp, body, { mode: 0o640 });
        await rename(temp, path);
      } catch (err) {
        await rm(temp, { force: true });
        throw err;
      }
    },
    async get(key) {
      const path = pathOf(key);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) return null;
      return { stream: createReadStream(path), size: info.size };
    },
    async delete(key) {
      const path = pathOf(key);
      await unlink(path).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
      // Leave no empty <uuid>/ folder behind; a folder still holding something stays.
      await rmdir(dirname(path)).catch(() => {});
    },
    async *list(prefix) {
      const start = join(root, prefix);
      if (!start.startsWith(root + sep)) throw new Error(`invalid prefix: ${prefix}`);
      yield* walk(root, start);
    },
  };
}

async function* walk(root: string, dir: string): AsyncGenerator<StoredObject> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(root, path);
    else if (entry.isFile()) {
      const info = await stat(path).catch(() => null);
      if (!info) continue;
      // A temporary file is listed under its own name, so the sweep can remove one a crash left.
      yield {
        key: path
          .slice(root.length + 1)
          .split(sep)
          .join('/'),
        size: info.size,
        modifiedAt: info.mtime,
      };
    }
  }
}

/** Whether a listed key is a write that never completed (a crash between write and rename). */
export const isTemporaryKey = (key: string) => key.includes(TEMP);
