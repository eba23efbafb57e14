import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalStorage, isTemporaryKey } from './storage';

const dir = mkdtempSync(join(tmpdir(), 'gonghui-storage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const storage = createLocalStorage(dir);
const KEY = 'files/2026/12/0b8e5c1e-4f7a-4c1b-9a51-6c0d2f3e4a5b/original.webp';

describe('the local-disk storage', () => {
  it('writes under DATA_DIR with the object key as the path, and leaves no temporary file', async () => {
    await storage.put(KEY, Buffer.from('hello'), 'image/webp');
    const got = await storage.get(KEY);
    expect(got?.size).toBe(5);
    expect(await text(got!.stream)).toBe('hello');
    expect(readdirSync(join(dir, 'files/2026/12/0b8e5c1e-4f7a-4c1b-9a51-6c0d2f3e4a5b'))).toEqual(['original.webp']);
    const listed = [];
    for await (const o of storage.list('files/2026/')) listed.push(o.key);
    expect(listed).toEqual([KEY]);
  });

  it('deletes, twice without complaint, and answers null for a missing object', async () => {
    await storage.delete(KEY);
    await storage.delete(KEY);
    expect(await storage.get(KEY)).toBeNull();
    for await (const o of storage.list('files/')) throw new Error(`left ${o.key}`);
  });

  it('refuses a key that could leave the storage root', async () => {
    for (const key of ['files/../keys.json', '../x', 'files//a', '/etc/passwd', 'files/a/./b', 'other/a'])
      await expect(storage.put(key, Buffer.from('x'), 'text/plain')).rejects.toThrow(/invalid object key/);
  });

  it('tells a temporary name from an object', () => {
    expect(isTemporaryKey(`${KEY}.tmp-0a1b2c`)).toBe(true);
    expect(isTemporaryKey(KEY)).toBe(false);
  });
});
