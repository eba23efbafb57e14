/** Test code: kinds of the tests' own, multipart bodies, images with GPS, stored files (product code never imports this). */
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { systemContext, withTransaction, type Ctx } from '../../http/context';
import type { Feature } from '../../http/feature';
import { defineFileKind } from '../../http/file-kind';
import type { TestApp } from '../../testing/test-app';
import { AppError } from '../../../common/errors';
import { getOrg } from '../orgs/service';
import { attachFiles } from './attach';
import { uploadFiles } from './service';

/** A record of the test kinds is an org: readable when the orgs service's own scoped read finds it. */
async function canReadOrg(ctx: Ctx, orgId: number): Promise<boolean> {
  if (ctx.actor?.kind !== 'account') return false;
  return getOrg(ctx, orgId).then(
    () => true,
    (err: unknown) => {
      if (err instanceof AppError && err.code === 'not_found') return false;
      throw err;
    },
  );
}

/** Private images and PDFs on an org, which a caller nobody signed in may upload (as a case's attachments will be). */
export const TEST_DOC = 'test.doc';
/** Public images on an org, at most two, uploaded only by accounts that manage orgs (as station photos will be). */
export const TEST_PHOTO = 'test.photo';

/** The tests' feature: declares its kinds the way a product feature does (Feature.fileKinds). */
export const FILES_TEST_FEATURE: Feature = {
  name: 'test',
  fileKinds: [
    defineFileKind({
      name: TEST_DOC,
      accepts: ['image', 'pdf'],
      isPublic: false,
      maxPerRecord: 3,
      allowAnonymous: true,
      canRead: canReadOrg,
    }),
    defineFileKind({
      name: TEST_PHOTO,
      accepts: ['image'],
      isPublic: true,
      maxPerRecord: 2,
      maxBytes: 2 * 1024 * 1024,
      canUpload: (ctx) =>
        ctx.actor?.kind === 'account' && ctx.actor.grants.some((g) => g.permissions.has('orgs.manage')),
      canRead: canReadOrg,
    }),
  ],
};

export type FormPart =
  | { name: string; value: string }
  | { name: string; filename: string; data: Buffer; contentType?: string };

/** A multipart/form-data body built by hand (no dependency), ready for `inject`. */
export function multipartBody(parts: readonly FormPart[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----gonghui${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in part) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    } else {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
            `Content-Type: ${part.contentType ?? 'image/jpeg'}\r\n\r\n`,
        ),
        part.data,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A POST /api/v1/files request with these parts, as `cookie`'s session (or nobody's). */
export function formRequest(parts: readonly FormPart[], cookie?: string) {
  const { payload, headers } = multipartBody(parts);
  return {
    method: 'POST' as const,
    url: '/api/v1/files',
    payload,
    headers: { ...headers, ...(cookie ? { cookie } : {}) },
  };
}

/** An upload request of `kind` with these files (each named photo.jpg and sent as image/jpeg, whatever it is). */
export function uploadRequest(kind: string, files: readonly Buffer[], more: { cookie?: string } = {}) {
  return formRequest(
    [{ name: 'kind', value: kind }, ...files.map((data) => ({ name: 'files', filename: 'photo.jpg', data }))],
    more.cookie,
  );
}

/** A phone photo: a JPEG whose EXIF holds the camera, an orientation and where it was taken (GPS). */
export function photoWithGps(width = 3000, height = 2000): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 180, g: 90, b: 40 } } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'GPS Leak 1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '33/1 57/1 3054/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '118/1 17/1 1234/100',
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

export const smallPng = (width = 64, height = 48) =>
  sharp({ create: { width, height, channels: 4, background: { r: 0, g: 128, b: 255, alpha: 0.5 } } })
    .png()
    .toBuffer();

/** A small valid PDF. */
export const smallPdf = () =>
  Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
      'trailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );

/** Uploads `data` as the system and attaches it to the org `recordId` under `kind`; returns the file id. */
export async function buildFile(
  t: Pick<TestApp, 'deps'>,
  opts: { kind: string; recordId: number; data?: Buffer },
): Promise<string> {
  const ctx = systemContext(t.deps);
  const data = opts.data ?? (await smallPng());
  const parts = (async function* () {
    yield { type: 'field' as const, name: 'kind', value: opts.kind };
    yield { type: 'file' as const, name: 'files', stream: Readable.from([data]) };
  })();
  const [file] = await uploadFiles(ctx, parts);
  await withTransaction(ctx, (tx) => attachFiles(tx, opts.kind, opts.recordId, [{ id: file!.id }]));
  return file!.id;
}
