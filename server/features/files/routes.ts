import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { FileIdParams, UPLOAD_TOKEN_HEADER, UploadAnswer } from '../../../common/api/files';
import { NoContent } from '../../../common/api/schemas';
import { AppError, type ErrorCode } from '../../../common/errors';
import { responses } from '../../http/responses';
import { deleteUpload, readFile, uploadFiles, type UploadPart } from './service';

/** A file's bytes (the OpenAPI document says so; Fastify sends the stream as it is). */
const Bytes = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: '文件内容 The file’s bytes' });
/** Every files route may be called by anyone; what they may do is decided per file (service.ts). */
const CALLER: readonly ErrorCode[] = ['restricted_session', 'validation_failed'];
/** A public file may be kept by browsers and proxies for a day: its bytes never change under its id. */
const PUBLIC_CACHE = 'public, max-age=86400, immutable';
/** Room for the multipart framing around the files themselves. */
const FRAMING_BYTES = 64 * 1024;

const tokenOf = (req: FastifyRequest) => {
  const value = req.headers[UPLOAD_TOKEN_HEADER];
  return typeof value === 'string' && value.length <= 100 ? value : undefined;
};

/** The multipart plugin's own refusals, as the API's errors. */
function multipartError(err: { code?: string }, maxCount: number): unknown {
  switch (err.code) {
    case 'FST_FILES_LIMIT':
      return new AppError('validation_failed', { files: `一次最多上传 ${maxCount} 个文件` });
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_PROTO_VIOLATION':
      return new AppError('validation_failed', { _: '表单字段过多或不正确' });
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('payload_too_large', undefined, '文件过大');
  }
  return err instanceof AppError ? err : new AppError('bad_request', undefined, '上传内容不完整或格式不正确');
}

async function* partsOf(req: FastifyRequest, maxCount: number): AsyncGenerator<UploadPart> {
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') yield { type: 'file', name: part.fieldname, stream: part.file };
      else yield { type: 'field', name: part.fieldname, value: String(part.value) };
    }
  } catch (err) {
    throw multipartError(err as { code?: string }, maxCount);
  }
}

/**
 * Serves a file as a download that can never run in the app's origin: the type decided at upload,
 * `nosniff`, a sandboxing CSP, and a name made from the id (no client file name is kept).
 */
function sendFile(req: FastifyRequest, reply: FastifyReply, file: Awaited<ReturnType<typeof readFile>>) {
  const disposition = file.contentType === 'application/pdf' ? 'attachment' : 'inline';
  reply
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('content-disposition', `${disposition}; filename="${file.fileName}"`)
    .header('etag', file.etag)
    .header('cache-control', file.isPublic ? PUBLIC_CACHE : 'no-store');
  // Map apps and partners show public station photos from their own pages.
  if (file.isPublic) reply.header('cross-origin-resource-policy', 'cross-origin');
  if (req.headers['if-none-match'] === file.etag) {
    file.stream.destroy();
    return reply.status(304).send();
  }
  return reply.type(file.contentType).header('content-length', file.size).send(file.stream);
}

export function fileRoutes(app: FastifyInstance): void {
  const { files: limits, rateLimit } = app.gonghuiConfig;
  // The multipart parser is registered for these routes alone: everywhere else a form is a 415.
  app.register(async (scope) => {
    await scope.register(multipart, {
      limits: {
        // One byte over the limit is how a too-large file is told from one exactly at it (service.ts).
        fileSize: limits.maxBytes + 1,
        files: limits.maxCount,
        fields: 2,
        fieldSize: 200,
        parts: limits.maxCount + 3,
        headerPairs: 20,
      },
    });
    // A session that must first change its password (or enrol TOTP) reads and uploads nothing.
    scope.addHook('preHandler', async (req) => {
      if (req.ctx.actor?.kind === 'account' && req.ctx.actor.restriction) throw new AppError('restricted_session');
    });
    const r = scope.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['files'];

    r.post(
      '/files',
      {
        schema: {
          tags,
          summary: '上传文件 Upload files (multipart: `kind`, then `files`)',
          consumes: ['multipart/form-data'],
          response: responses({ 201: UploadAnswer }, [
            ...CALLER,
            'unauthenticated',
            'forbidden',
            'payload_too_large',
            'unsupported_media_type',
            'bad_request',
          ]),
        },
        config: {
          access: 'public',
          // Counted after sign-in is known: a caller nobody signed in gets the tighter limit.
          rateLimit: {
            hook: 'preHandler',
            timeWindow: '1 minute',
            max: (req: FastifyRequest) => (req.ctx.actor ? rateLimit.global : limits.anonymousPerMin),
          },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart())
          throw new AppError('unsupported_media_type', undefined, '请以 multipart/form-data 上传文件');
        // Refused before a byte is read when the client says how much it sends.
        if (Number(req.headers['content-length'] ?? 0) > limits.maxCount * limits.maxBytes + FRAMING_BYTES)
          throw new AppError('payload_too_large', undefined, '上传内容过大');
        const items = await uploadFiles(req.ctx, partsOf(req, limits.maxCount));
        return reply.status(201).send({ items });
      },
    );

    for (const variant of ['main', 'thumb'] as const)
      r.get(
        variant === 'main' ? '/files/:id' : '/files/:id/thumb',
        {
          schema: {
            tags,
            summary: variant === 'main' ? '读取文件 Read a file' : '读取缩略图 Read a file’s thumbnail',
            params: FileIdParams,
            response: responses({ 200: Bytes, 304: NoContent }, [...CALLER, 'not_found']),
          },
          config: { access: 'public' },
        },
        async (req, reply) => sendFile(req, reply, await readFile(req.ctx, req.params.id, variant, tokenOf(req))),
      );

    r.delete(
      '/files/:id',
      {
        schema: {
          tags,
          summary: '删除未使用的上传文件 Delete an upload not yet attached',
          params: FileIdParams,
          response: responses({ 204: NoContent }, [...CALLER, 'not_found', 'conflict']),
        },
        config: { access: 'public' },
      },
      async (req, reply) => {
        await deleteUpload(req.ctx, req.params.id, tokenOf(req));
        return reply.status(204).send();
      },
    );
  });
}
