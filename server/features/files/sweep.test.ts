/** The orphan sweep: uploads never attached, removed files, and bytes a crash left without a row. */
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../../http/context';
import type { JobContext } from '../../jobs/job';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { buildWorld, type World } from '../orgs/orgs.factories';
import { removeFiles } from './attach';
import { buildFile, FILES_TEST_FEATURE, smallPng, TEST_DOC, uploadRequest } from './files.factories';
import { objectKeys } from './service';
import { recentPrefixes, sweepFiles, sweepOrphanFiles } from './sweep';

let t: TestApp;
let world: World;
beforeAll(async () => {
  t = await createTestApp({}, { features: [FILES_TEST_FEATURE] });
  world = await buildWorld(t);
});
afterAll(() => t?.close());

/** The context the job runner hands a run: the system's, with progress recorded here. */
function jobContext(progress: Array<[number, string | undefined]> = []): JobContext {
  const ctx = { ...t.deps, actor: { kind: 'system' as const }, ip: null };
  return {
    ...ctx,
    jobId: 'test-run',
    signal: new AbortController().signal,
    progress: async (percent, message) => void progress.push([percent, message]),
  };
}

const onDisk = (key: string) => existsSync(join(t.config.dataDir, key));
const keysOf = (id: string) =>
  t.db.selectFrom('files').select(['storage_key', 'thumb_key']).where('id', '=', id).executeTakeFirstOrThrow();
/** Makes files look `hours` old (created_at is never written by the app after the insert). */
const age = (ids: string[], hours: number) =>
  sql`UPDATE files SET created_at = now() - make_interval(hours => ${hours}) WHERE id = ANY(${ids}::uuid[])`.execute(
    t.db,
  );

/** An object as a crash between writing the bytes and inserting the row leaves it, `hours` old. */
function leftover(key: string, hours: number): void {
  const path = join(t.config.dataDir, key);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, 'bytes');
  const then = new Date(Date.now() - hours * 3_600_000);
  utimesSync(path, then, then);
}

describe('the orphan sweep', () => {
  it('deletes what nothing uses and keeps the rest, reports its progress and counts, and is idempotent', async () => {
    const upload = async () => {
      const res = await t.app.inject(uploadRequest(TEST_DOC, [await smallPng()]));
      return res.json().items[0].id as string;
    };
    const stale = await upload();
    const fresh = await upload();
    await age([stale], 25);
    // Attached long ago: kept. Attached, then removed from its record: deleted.
    const attached = await buildFile(t, { kind: TEST_DOC, recordId: world.sucheng.id });
    const removed = await buildFile(t, { kind: TEST_DOC, recordId: world.street.id });
    await age([attached, removed], 100);
    await withTransaction(jobContext(), (tx) => removeFiles(tx, TEST_DOC, world.street.id, 'all'));
    const keys = {
      stale: await keysOf(stale),
      fresh: await keysOf(fresh),
      attached: await keysOf(attached),
      removed: await keysOf(removed),
    };

    // A crash's leftovers: whole objects and a temporary file, old and new, in this month and the last.
    const [lastMonth, thisMonth] = recentPrefixes(new Date());
    const lost = objectKeys('11111111-1111-4111-8111-111111111111', new Date(), 'webp', true);
    const lostLastMonth = `${lastMonth}22222222-2222-4222-8222-222222222222/original.webp`;
    const temp = `${thisMonth}33333333-3333-4333-8333-333333333333/original.webp.tmp-abc123`;
    const young = `${thisMonth}44444444-4444-4444-8444-444444444444/original.webp`;
    leftover(lost.main, 30);
    leftover(lost.thumb!, 30);
    leftover(lostLastMonth, 30);
    leftover(temp, 30);
    leftover(young, 2);

    const progress: Array<[number, string | undefined]> = [];
    expect(await sweepOrphanFiles.run(jobContext(progress), {})).toEqual({ files: 2, objects: 4 });
    expect(progress.at(-1)?.[0]).toBe(100);

    const rows = (await t.db.selectFrom('files').select('id').execute()).map((r) => r.id);
    expect(rows).toContain(fresh);
    expect(rows).toContain(attached);
    expect(rows).not.toContain(stale);
    expect(rows).not.toContain(removed);
    for (const k of [keys.fresh, keys.attached])
      expect([onDisk(k.storage_key), onDisk(k.thumb_key!)]).toEqual([true, true]);
    for (const k of [keys.stale, keys.removed])
      expect([onDisk(k.storage_key), onDisk(k.thumb_key!)]).toEqual([false, false]);
    expect([lost.main, lost.thumb!, lostLastMonth, temp].map(onDisk)).toEqual([false, false, false, false]);
    expect(onDisk(young)).toBe(true);

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor_label', 'details'])
      .where('action', '=', 'file.swept')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_label: '系统', details: { files: 2, objects: 4 } });

    // Run again, twice at once (two nodes): nothing more to do, and no error.
    const again = await Promise.all([sweepFiles(jobContext()), sweepFiles(jobContext())]);
    expect(again).toEqual([
      { files: 0, objects: 0 },
      { files: 0, objects: 0 },
    ]);
  });

  it('looks under every month when asked, and only under the recent two otherwise', async () => {
    const old = 'files/2020/01/55555555-5555-4555-8555-555555555555/original.webp';
    leftover(old, 24 * 365);
    expect(await sweepFiles(jobContext())).toEqual({ files: 0, objects: 0 });
    expect(onDisk(old)).toBe(true);
    expect(await sweepOrphanFiles.run(jobContext(), { all_months: true })).toEqual({ files: 0, objects: 1 });
    expect(onDisk(old)).toBe(false);
  });

  it('is declared on the files feature, hourly', async () => {
    const { filesFeature } = await import('./feature');
    expect(filesFeature.jobs).toContain(sweepOrphanFiles);
    expect(sweepOrphanFiles).toMatchObject({ name: 'files.sweep-orphans', schedule: '17 * * * *' });
  });
});

describe('recentPrefixes', () => {
  it('names this month and the one before, across a year', () => {
    expect(recentPrefixes(new Date('2027-01-15T00:00:00Z'))).toEqual(['files/2026/12/', 'files/2027/01/']);
  });
});
