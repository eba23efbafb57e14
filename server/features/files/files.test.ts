/** Uploads: the type from the bytes, metadata stripped, limits, and nothing stored on a refusal. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn } from '../auth/auth.factories';
import { buildWorld } from '../orgs/orgs.factories';
import { createTestApp, type TestApp } from '../../testing/test-app';
import {
  FILES_TEST_FEATURE,
  formRequest,
  multipartBody,
  photoWithGps,
  smallPdf,
  smallPng,
  TEST_DOC,
  TEST_PHOTO,
  uploadRequest,
} from './files.factories';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await createTestApp({}, { features: [FILES_TEST_FEATURE] });
  const world = await buildWorld(t);
  admin = await signIn(t, (await buildAccount(t, { org: world.sucheng, role: 'org_admin' })).username);
});
afterAll(() => t?.close());

/** Every object under DATA_DIR/files, as keys. */
function storedObjects(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name).slice(t.config.dataDir.length + 1)],
    );
  try {
    return walk(join(t.config.dataDir, 'files'));
  } catch {
    return [];
  }
}
const rowCount = async () => (await t.db.selectFrom('files').select('id').execute()).length;

/** The number of entries in the GPS IFD of a JPEG's EXIF (0 when there is none). */
function gpsEntries(exif: Buffer | undefined): number {
  if (!exif) return 0;
  const tiff = exif.subarray(exif.indexOf('Exif') + 6);
  const le = tiff[0] === 0x49;
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd0 = u32(4);
  for (let i = 0; i < u16(ifd0); i++) if (u16(ifd0 + 2 + i * 12) === 0x8825) return u16(u32(ifd0 + 2 + i * 12 + 8));
  return 0;
}

/** A grayscale 1-bit PNG of width × height, all black: its pixels deflate to almost nothing. */
function pngBomb(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // bit depth 1, grayscale
  const raw = Buffer.alloc((1 + Math.ceil(width / 8)) * height);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

describe('an image upload', () => {
  it('comes back re-encoded without EXIF or GPS, upright, downscaled, with a thumbnail', async () => {
    const photo = await photoWithGps(3000, 2000);
    expect(gpsEntries((await sharp(photo).metadata()).exif)).toBeGreaterThan(0);

    const res = await t.app.inject(uploadRequest(TEST_DOC, [photo], { cookie: admin }));
    expect(res.statusCode, res.body).toBe(201);
    const [item] = res.json().items;
    // EXIF orientation 6: the 3000×2000 photo stands upright, its long edge brought down to 2048.
    expect(item).toMatchObject({ content_type: 'image/webp', width: 1365, height: 2048 });
    expect(item.token).toBeUndefined();

    const got = await t.app.inject({ method: 'GET', url: item.url, headers: { cookie: admin } });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/webp');
    const meta = await sharp(got.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 1365, height: 2048 });
    expect([meta.exif, meta.xmp, meta.iptc, meta.icc, meta.orientation]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    for (const marker of ['Exif', 'EXIF', 'XMP ', 'GPS', 'TestPhone'])
      expect(got.rawPayload.includes(marker)).toBe(false);

    const thumb = await t.app.inject({ method: 'GET', url: item.thumb_url, headers: { cookie: admin } });
    expect(await sharp(thumb.rawPayload).metadata()).toMatchObject({ format: 'webp', width: 213, height: 320 });

    // What is on disk is what was served, under the documented key, with its hash in the row.
    const row = await t.db.selectFrom('files').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(row.storage_key).toMatch(new RegExp(`^files/\\d{4}/\\d{2}/${item.id}/original\\.webp$`));
    expect(readFileSync(join(t.config.dataDir, row.storage_key)).equals(got.rawPayload)).toBe(true);
    expect(row.size).toBe(got.rawPayload.length);
    expect(row.record_id).toBeNull();
  });

  it('is judged by its bytes: a PNG named photo.jpg and sent as image/jpeg is read as the PNG it is', async () => {
    const res = await t.app.inject(uploadRequest(TEST_DOC, [await smallPng(64, 48)], { cookie: admin }));
    expect(res.statusCode, res.body).toBe(201);
    const got = await t.app.inject({ method: 'GET', url: res.json().items[0].url, headers: { cookie: admin } });
    // Its transparency survived: a PNG, not a JPEG, was decoded.
    expect(await sharp(got.rawPayload).metadata()).toMatchObject({ width: 64, height: 48, hasAlpha: true });
  });

  it('takes WebP, GIF (its first frame) and AVIF too, all stored as WebP', async () => {
    const base = () => sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366cc' } });
    const images = [await base().webp().toBuffer(), await base().gif().toBuffer(), await base().avif().toBuffer()];
    const res = await t.app.inject(uploadRequest(TEST_DOC, images, { cookie: admin }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items.map((i: { content_type: string; width: number }) => [i.content_type, i.width])).toEqual([
      ['image/webp', 40],
      ['image/webp', 40],
      ['image/webp', 40],
    ]);
  });

  it('takes a PDF where the kind allows one and serves it as a download', async () => {
    const res = await t.app.inject(uploadRequest(TEST_DOC, [smallPdf()], { cookie: admin }));
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json().items[0];
    expect(item).toMatchObject({ content_type: 'application/pdf' });
    expect(item.thumb_url).toBeUndefined();
    const got = await t.app.inject({ method: 'GET', url: item.url, headers: { cookie: admin } });
    expect(got.rawPayload.equals(smallPdf())).toBe(true);
    expect(got.headers['content-disposition']).toBe(`attachment; filename="${item.id}.pdf"`);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-security-policy']).toContain('sandbox');
  });
});

describe('a refused upload stores nothing', () => {
  const refusals: Array<[string, () => Promise<ReturnType<typeof formRequest>>, number, string, RegExp]> = [
    [
      'a PDF named photo.jpg where only images go',
      async () => uploadRequest(TEST_PHOTO, [smallPdf()], { cookie: admin }),
      422,
      'files.0',
      /不接受 PDF/,
    ],
    [
      'an empty file',
      async () => uploadRequest(TEST_DOC, [Buffer.alloc(0)], { cookie: admin }),
      422,
      'files.0',
      /为空/,
    ],
    [
      'a 20000×20000 PNG that deflates to a few hundred KB',
      async () => uploadRequest(TEST_DOC, [pngBomb(20000, 20000)], { cookie: admin }),
      422,
      'files.0',
      /尺寸过大/,
    ],
    [
      'a PNG header with garbage after it',
      async () =>
        uploadRequest(TEST_DOC, [Buffer.concat([(await smallPng()).subarray(0, 33), Buffer.alloc(500, 7)])], {
          cookie: admin,
        }),
      422,
      'files.0',
      /损坏|无法识别/,
    ],
    [
      'an SVG (it could carry script)',
      async () =>
        uploadRequest(TEST_DOC, [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>')], {
          cookie: admin,
        }),
      422,
      'files.0',
      /无法识别/,
    ],
    [
      'a PDF with JavaScript in it',
      async () =>
        uploadRequest(
          TEST_DOC,
          [Buffer.concat([smallPdf().subarray(0, 20), Buffer.from('/JavaScript'), smallPdf().subarray(20)])],
          { cookie: admin },
        ),
      422,
      'files.0',
      /脚本/,
    ],
    [
      'more files than the kind allows (the first two were fine)',
      async () => uploadRequest(TEST_PHOTO, [await smallPng(), await smallPng(), await smallPng()], { cookie: admin }),
      422,
      'files',
      /最多上传 2 个/,
    ],
    [
      'a file over the kind’s 2 MB',
      async () => uploadRequest(TEST_PHOTO, [Buffer.alloc(2 * 1024 * 1024 + 1, 1)], { cookie: admin }),
      413,
      'files.0',
      /最大 2 MB/,
    ],
    [
      'an unknown kind',
      async () => uploadRequest('test.nothing', [await smallPng()], { cookie: admin }),
      422,
      'kind',
      /未知/,
    ],
    [
      'a kind sent after the files',
      async () =>
        formRequest(
          [
            { name: 'files', filename: 'a.png', data: await smallPng() },
            { name: 'kind', value: TEST_DOC },
          ],
          admin,
        ),
      422,
      'kind',
      /之前/,
    ],
  ];
  for (const [name, request, status, field, message] of refusals)
    it(name, async () => {
      const [rowsBefore, objectsBefore] = [await rowCount(), storedObjects()];
      const res = await t.app.inject(await request());
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.fields?.[field]).toMatch(message);
      expect(await rowCount()).toBe(rowsBefore);
      expect(storedObjects()).toEqual(objectsBefore);
    });

  it('a 50 MB upload is answered at the limit, before the rest arrives, and leaves no file behind', async () => {
    const objectsBefore = storedObjects();
    const rowsBefore = await rowCount();
    const { payload: head, headers } = multipartBody([{ name: 'kind', value: TEST_DOC }]);
    const boundary = headers['content-type']!.split('boundary=')[1]!;
    // The body without its closing boundary, then a file part's header.
    const prefix = Buffer.concat([
      head.subarray(0, head.length - boundary.length - 6),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
    ]);
    // Past 12 MB the client waits for the answer (5 s at most): a server that read the whole
    // 50 MB before answering would answer only after all of it was sent.
    let sent = 0;
    let sentWhenAnswered = -1;
    let release!: () => void;
    const answered = new Promise<void>((resolve) => (release = resolve));
    const body = Readable.from(
      (async function* () {
        yield prefix;
        for (let i = 0; i < 50; i++) {
          if (sent >= 12 * 1024 * 1024) await Promise.race([answered, new Promise((r) => setTimeout(r, 5000))]);
          sent += 1024 * 1024;
          yield Buffer.alloc(1024 * 1024, 0xff);
        }
        yield Buffer.from(`\r\n--${boundary}--\r\n`);
      })(),
    );
    const res = await t.app
      .inject({ method: 'POST', url: '/api/v1/files', payload: body, headers: { ...headers, cookie: admin } })
      .finally(() => {
        sentWhenAnswered = sent;
        release();
      });
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json().error.fields['files.0']).toMatch(/最大 10 MB/);
    expect(sentWhenAnswered).toBeLessThanOrEqual(12 * 1024 * 1024);
    expect(storedObjects()).toEqual(objectsBefore);
    expect(await rowCount()).toBe(rowsBefore);
  });

  it('a body cut off inside a file, or not multipart at all, is a 400', async () => {
    const rowsBefore = await rowCount();
    const objectsBefore = storedObjects();
    const { payload, headers } = multipartBody([
      { name: 'kind', value: TEST_DOC },
      { name: 'files', filename: 'a.png', data: await smallPng() },
    ]);
    for (const body of [payload.subarray(0, payload.length - 60), Buffer.from('garbage')]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/files',
        payload: body,
        headers: { ...headers, cookie: admin },
      });
      expect(res.statusCode, res.body).toBe(400);
    }
    expect(await rowCount()).toBe(rowsBefore);
    expect(storedObjects()).toEqual(objectsBefore);
  });

  it('a storage failure on the second file answers 500 and takes the first file’s bytes back', async () => {
    const rowsBefore = await rowCount();
    const objectsBefore = storedObjects();
    const state = t.deps.state.files;
    const real = state.storage;
    let puts = 0;
    state.storage = {
      ...real,
      put: async (key, body, type) => {
        if (++puts > 2) throw new Error('disk full');
        return real.put(key, body, type);
      },
    };
    try {
      const res = await t.app.inject(uploadRequest(TEST_DOC, [await smallPng(), await smallPng()], { cookie: admin }));
      expect(res.statusCode).toBe(500);
    } finally {
      state.storage = real;
    }
    expect(puts).toBe(3);
    expect(await rowCount()).toBe(rowsBefore);
    expect(storedObjects()).toEqual(objectsBefore);
  });

  it('a body that is not a form is a 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      payload: { kind: TEST_DOC },
      headers: { cookie: admin },
    });
    expect(res.statusCode).toBe(415);
  });
});

describe('who may upload', () => {
  it('a caller nobody signed in may upload a kind that allows it, and gets a token for each file', async () => {
    const res = await t.app.inject(uploadRequest(TEST_DOC, [await smallPng(), smallPdf()]));
    expect(res.statusCode, res.body).toBe(201);
    const items = res.json().items;
    expect(items.map((i: { token?: string }) => typeof i.token)).toEqual(['string', 'string']);
    expect(items[0].token).not.toBe(items[1].token);
  });

  it('a kind that does not allow anonymous uploads answers 401, and one whose canUpload refuses 403', async () => {
    expect((await t.app.inject(uploadRequest(TEST_PHOTO, [await smallPng()]))).statusCode).toBe(401);
    const world = await buildWorld(t);
    const viewer = await signIn(t, (await buildAccount(t, { org: world.sucheng, role: 'viewer' })).username);
    expect((await t.app.inject(uploadRequest(TEST_PHOTO, [await smallPng()], { cookie: viewer }))).statusCode).toBe(
      403,
    );
  });

  it('callers nobody signed in are held to FILES_ANONYMOUS_PER_MIN uploads a minute per address', async () => {
    const limited = await t.withConfig(
      { files: { ...t.config.files, anonymousPerMin: 2 } },
      { features: [FILES_TEST_FEATURE] },
    );
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++)
        statuses.push(
          (await limited.app.inject({ ...uploadRequest(TEST_DOC, [await smallPng()]), remoteAddress: '10.9.9.9' }))
            .statusCode,
        );
      expect(statuses).toEqual([201, 201, 429]);
      // A signed-in caller from the same address is not held to it.
      expect(
        (
          await limited.app.inject({
            ...uploadRequest(TEST_DOC, [await smallPng()], { cookie: admin }),
            remoteAddress: '10.9.9.9',
          })
        ).statusCode,
      ).toBe(201);
    } finally {
      await limited.close();
    }
  });
});
