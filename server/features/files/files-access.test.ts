/** Who reads a file (its uploader until attached, then its record's scope), caching, attaching and removing. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../common/errors';
import { withTransaction, type Ctx } from '../../http/context';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn } from '../auth/auth.factories';
import { resolveSession } from '../auth/sessions';
import { buildWorld, type World } from '../orgs/orgs.factories';
import { attachFiles, listFiles, removeFiles, type AttachmentRef } from './attach';
import { FILES_TEST_FEATURE, smallPdf, smallPng, TEST_DOC, TEST_PHOTO, uploadRequest } from './files.factories';

let t: TestApp;
let world: World;
/** An org admin of 宿城区, another of 江西 (out of 宿城区's scope). */
let sucheng: string;
let jiangxi: string;

beforeAll(async () => {
  t = await createTestApp({}, { features: [FILES_TEST_FEATURE] });
  world = await buildWorld(t);
  sucheng = await signIn(t, (await buildAccount(t, { org: world.sucheng, role: 'org_admin' })).username);
  jiangxi = await signIn(t, (await buildAccount(t, { org: world.jiangxi, role: 'org_admin' })).username);
});
afterAll(() => t?.close());

/** The context a request with this cookie (or none) acts in. */
async function ctxOf(cookie?: string): Promise<Ctx> {
  const state = cookie ? await resolveSession(t.db, t.cipher, cookie.split('=')[1]!) : { actor: null };
  return { ...t.deps, actor: state.actor, ip: '127.0.0.1' };
}

async function upload(kind: string, data: Buffer, cookie?: string): Promise<{ id: string; token?: string }> {
  const res = await t.app.inject(uploadRequest(kind, [data], { cookie }));
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json().items[0];
}

const read = (id: string, headers: Record<string, string> = {}, variant = '') =>
  t.app.inject({ method: 'GET', url: `/api/v1/files/${id}${variant}`, headers });

/** Attaches in a transaction as the caller, the way an owning feature's write does; answers the 422's fields. */
async function attach(cookie: string | undefined, kind: string, recordId: number, refs: AttachmentRef[]) {
  try {
    await withTransaction(await ctxOf(cookie), (tx) => attachFiles(tx, kind, recordId, refs));
    return null;
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation_failed') return err.fields;
    throw err;
  }
}

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('an upload not yet attached', () => {
  it('is read by its uploader alone; anyone else gets the missing file’s 404, and no one caches it', async () => {
    const file = await upload(TEST_DOC, await smallPng(), sucheng);
    const mine = await read(file.id, { cookie: sucheng });
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['cache-control']).toBe('no-store');
    const missing = await read(MISSING, { cookie: sucheng });
    for (const other of [await read(file.id, { cookie: jiangxi }), await read(file.id)]) {
      expect(other.statusCode).toBe(404);
      expect(other.body).toBe(missing.body);
    }
  });

  it('uploaded by nobody signed in, is read with its token only', async () => {
    const file = await upload(TEST_DOC, smallPdf());
    expect((await read(file.id, { 'x-upload-token': file.token! })).statusCode).toBe(200);
    expect((await read(file.id, { 'x-upload-token': 'wrong' })).statusCode).toBe(404);
    expect((await read(file.id)).statusCode).toBe(404);
  });

  it('is deleted by its uploader (row and bytes), and not by anyone else', async () => {
    const file = await upload(TEST_DOC, await smallPng(), sucheng);
    const row = await t.db
      .selectFrom('files')
      .select('storage_key')
      .where('id', '=', file.id)
      .executeTakeFirstOrThrow();
    const del = (headers: Record<string, string>) =>
      t.app.inject({ method: 'DELETE', url: `/api/v1/files/${file.id}`, headers });
    expect((await del({ cookie: jiangxi })).statusCode).toBe(404);
    expect((await del({})).statusCode).toBe(404);
    expect((await del({ cookie: sucheng })).statusCode).toBe(204);
    expect(existsSync(join(t.config.dataDir, row.storage_key))).toBe(false);
    expect((await read(file.id, { cookie: sucheng })).statusCode).toBe(404);
  });
});

describe('attaching', () => {
  it('puts a private file under its record’s scope: readable in scope, 404 outside, never cached', async () => {
    const file = await upload(TEST_DOC, await smallPng(), sucheng);
    expect(await attach(sucheng, TEST_DOC, world.street.id, [{ id: file.id }])).toBeNull();
    const viewer = await signIn(t, (await buildAccount(t, { org: world.suqian, role: 'viewer' })).username);
    for (const cookie of [sucheng, viewer]) {
      const res = await read(file.id, { cookie });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    expect((await read(file.id, { cookie: jiangxi })).statusCode).toBe(404);
    expect((await read(file.id)).statusCode).toBe(404);
    expect((await read(file.id, { cookie: sucheng }, '/thumb')).statusCode).toBe(200);
    expect((await listFiles(await ctxOf(), TEST_DOC, world.street.id)).map((f) => f.id)).toEqual([file.id]);
  });

  it('makes a public file readable by anyone, cacheable, with an ETag that answers 304', async () => {
    const file = await upload(TEST_PHOTO, await smallPng(), sucheng);
    expect((await read(file.id)).statusCode).toBe(404);
    expect(await attach(sucheng, TEST_PHOTO, world.sucheng.id, [{ id: file.id }])).toBeNull();
    const res = await read(file.id);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=86400, immutable');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['content-disposition']).toBe(`inline; filename="${file.id}.webp"`);
    const again = await read(file.id, { 'if-none-match': String(res.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it('takes an anonymous upload with its token, and refuses a wrong token or none, naming the attachment', async () => {
    const a = await upload(TEST_DOC, await smallPng());
    const b = await upload(TEST_DOC, await smallPng());
    const fields = await attach(undefined, TEST_DOC, world.suqian.id, [
      { id: a.id, token: a.token },
      { id: b.id, token: a.token },
      { id: b.id },
    ]);
    expect(fields).toEqual({
      'attachments.1': expect.stringMatching(/不是本人上传/),
      'attachments.2': expect.any(String),
    });
    // Nothing was attached by the refused write.
    expect(await listFiles(await ctxOf(), TEST_DOC, world.suqian.id)).not.toContainEqual(
      expect.objectContaining({ id: a.id }),
    );
    expect(await attach(undefined, TEST_DOC, world.jiangxi.id, [{ id: a.id, token: a.token }])).toBeNull();
  });

  it('refuses another’s upload, another kind’s, a used one, a missing one and a repeated one', async () => {
    const theirs = await upload(TEST_DOC, await smallPng(), jiangxi);
    const photo = await upload(TEST_PHOTO, await smallPng(), sucheng);
    const used = await upload(TEST_DOC, await smallPng(), sucheng);
    expect(await attach(sucheng, TEST_DOC, world.root.id, [{ id: used.id }])).toBeNull();
    const fine = await upload(TEST_DOC, await smallPng(), sucheng);
    const fields = await attach(sucheng, TEST_DOC, world.jiangsu.id, [
      { id: theirs.id },
      { id: photo.id },
      { id: used.id },
    ]);
    expect(Object.keys(fields ?? {})).toEqual(['attachments.0', 'attachments.1', 'attachments.2']);
    expect(fields!['attachments.1']).toMatch(/用途/);
    expect(fields!['attachments.2']).toMatch(/已被使用/);
    expect(await attach(sucheng, TEST_DOC, world.jiangsu.id, [{ id: MISSING }])).toEqual({
      'attachments.0': expect.stringMatching(/不存在/),
    });
    expect(await attach(sucheng, TEST_DOC, world.jiangsu.id, [{ id: fine.id }, { id: fine.id }])).toEqual({
      'attachments.1': '重复的文件',
    });
  });

  it('holds a record to its kind’s count, counting what it already has', async () => {
    const first = await upload(TEST_PHOTO, await smallPng(), sucheng);
    expect(await attach(sucheng, TEST_PHOTO, world.street.id, [{ id: first.id }])).toBeNull();
    const more = [
      await upload(TEST_PHOTO, await smallPng(), sucheng),
      await upload(TEST_PHOTO, await smallPng(), sucheng),
    ];
    expect(await attach(sucheng, TEST_PHOTO, world.street.id, more)).toEqual({
      attachments: expect.stringMatching(/最多 2 个文件（已有 1 个）/),
    });
  });

  it('works for a worker signed in by phone, by the phone', async () => {
    const otp = await t.app.inject({
      method: 'POST',
      url: '/api/v1/otp',
      payload: { phone: '13900001111', purpose: 'login' },
    });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/member-login',
      payload: { phone: '13900001111', otp: otp.json().dev_code },
    });
    const worker = `gh_session=${login.cookies.find((c) => c.name === 'gh_session')!.value}`;
    const file = await upload(TEST_DOC, await smallPng(), worker);
    expect(file.token).toBeUndefined();
    expect((await read(file.id, { cookie: worker })).statusCode).toBe(200);
    expect(await attach(sucheng, TEST_DOC, world.street.id, [{ id: file.id }])).not.toBeNull();
    expect(await attach(worker, TEST_DOC, world.street.id, [{ id: file.id }])).toBeNull();
  });
});

describe('removing', () => {
  it('makes a record’s file read as missing at once; an attached file is not deleted through the files route', async () => {
    const file = await upload(TEST_DOC, await smallPng(), sucheng);
    expect(await attach(sucheng, TEST_DOC, world.sucheng.id, [{ id: file.id }])).toBeNull();
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/files/${file.id}`, headers: { cookie: sucheng } });
    expect(del.statusCode).toBe(409);
    const removed = await withTransaction(await ctxOf(sucheng), (tx) =>
      removeFiles(tx, TEST_DOC, world.sucheng.id, [file.id]),
    );
    expect(removed).toEqual([file.id]);
    expect((await read(file.id, { cookie: sucheng })).statusCode).toBe(404);
  });

  it('attachFiles and removeFiles refuse to run outside a transaction', async () => {
    await expect(attachFiles(await ctxOf(sucheng), TEST_DOC, 1, [])).rejects.toThrow(/transaction/);
    await expect(removeFiles(await ctxOf(sucheng), TEST_DOC, 1, 'all')).rejects.toThrow(/transaction/);
  });
});
