import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ImportIdParams, ImportListQuery, ImportView } from '../../../common/api/imports';
import { Page } from '../../../common/api/schemas';
import { AppError } from '../../../common/errors';
import type { ImportKind } from '../../http/import-kind';
import { responses, SIGNED_IN } from '../../http/responses';
import { sendXlsx, writeTemplate, writeXlsxStream, XlsxBytes } from './export';
import {
  cancelImport,
  getImport,
  importErrorReport,
  listImports,
  startImport,
  templateKind,
  type UploadPart,
} from './service';
import { DEFAULT_XLSX_LIMITS } from './xlsx-guard';

/** The multipart plugin's own refusals, as the API's errors. */
function multipartError(err: { code?: string }): unknown {
  switch (err.code) {
    case 'FST_FILES_LIMIT':
      return new AppError('validation_failed', { file: '一次只能上传一个文件' });
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_PROTO_VIOLATION':
      return new AppError('validation_failed', { _: '表单字段过多或不正确' });
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('payload_too_large', { file: '文件过大' }, '文件过大');
  }
  return err instanceof AppError ? err : new AppError('bad_request', undefined, '上传内容不完整或格式不正确');
}

async function* partsOf(req: FastifyRequest): AsyncGenerator<UploadPart> {
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file')
        yield { type: 'file', name: part.fieldname, fileName: part.filename, stream: part.file };
      else yield { type: 'field', name: part.fieldname, value: String(part.value) };
    }
  } catch (err) {
    throw multipartError(err as { code?: string });
  }
}

/**
 * Serves one import kind's template and upload, `GET /imports/<kind>/template` and
 * `POST /imports/<kind>` (static paths, a pair per kind): called by the feature that declares the
 * kind, which lists it in Feature.importKinds too (the job and the reads find it there).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function registerImportRoutes(app: FastifyInstance, kind: ImportKind<any, any>): void {
  app.register(async (scope) => {
    // The multipart parser for the upload alone (elsewhere a form is a 415). The size limit is the
    // guard's (the byte count in service.ts refuses one byte over it, as a 413 naming `file`).
    await scope.register(multipart, {
      limits: {
        fileSize: DEFAULT_XLSX_LIMITS.maxFileBytes + 1,
        files: 1,
        fields: 1,
        fieldSize: 20,
        parts: 2,
        headerPairs: 20,
      },
    });
    const r = scope.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['imports'];

    r.get(
      `/imports/${kind.name}/template`,
      {
        schema: {
          tags,
          summary: `下载${kind.title}导入模板 The import template: Chinese headers, an example row, a 填写说明 sheet`,
          response: responses({ 200: XlsxBytes }, [...SIGNED_IN, 'forbidden']),
        },
      },
      async (req, reply) => {
        templateKind(req.ctx, kind.name);
        return sendXlsx(reply, `${kind.title}-导入模板.xlsx`, (out) =>
          writeTemplate(out, kind.title, kind.columns, kind.instructions),
        );
      },
    );

    r.post(
      `/imports/${kind.name}`,
      {
        schema: {
          tags,
          summary: `上传${kind.title}并导入 Upload an xlsx to import (multipart: org_id, then file)`,
          consumes: ['multipart/form-data'],
          response: responses({ 202: ImportView }, [
            ...SIGNED_IN,
            'validation_failed',
            'forbidden',
            'payload_too_large',
            'unsupported_media_type',
            'bad_request',
          ]),
        },
      },
      async (req, reply) => {
        if (!req.isMultipart())
          throw new AppError('unsupported_media_type', undefined, '请以 multipart/form-data 上传文件');
        const limit = req.ctx.state.imports.limits.maxFileBytes;
        if (Number(req.headers['content-length'] ?? 0) > limit + 64 * 1024)
          throw new AppError('payload_too_large', { file: `文件超过 ${Math.round(limit / 1048576)} MB 上限` });
        return reply.status(202).send(await startImport(req.ctx, kind.name, partsOf(req)));
      },
    );
  });
}

/** The imports of every kind: the list, one import's progress, its error report, cancel. */
export function importRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['imports'];

  r.get(
    '/imports',
    {
      schema: {
        tags,
        summary: '导入记录 Imports the caller sees (its kinds’ permission over their orgs)',
        querystring: ImportListQuery,
        response: responses({ 200: Page(ImportView) }, [...SIGNED_IN, 'validation_failed']),
      },
    },
    async (req) => listImports(req.ctx, req.query),
  );

  r.get(
    '/imports/:id',
    {
      schema: {
        tags,
        summary: '导入进度 One import: state, row counts, progress',
        params: ImportIdParams,
        response: responses({ 200: ImportView }, [...SIGNED_IN, 'validation_failed', 'not_found']),
      },
    },
    async (req) => getImport(req.ctx, req.params.id),
  );

  r.get(
    '/imports/:id/errors.xlsx',
    {
      schema: {
        tags,
        summary: '下载错误报告 The rows not imported, as read, with 错误原因 (audited)',
        params: ImportIdParams,
        response: responses({ 200: XlsxBytes }, [...SIGNED_IN, 'validation_failed', 'not_found']),
      },
    },
    async (req, reply) => {
      const report = await importErrorReport(req.ctx, req.params.id);
      return sendXlsx(reply, report.fileName, (out) =>
        writeXlsxStream(out, report.sheetName, report.columns, report.rows),
      );
    },
  );

  r.post(
    '/imports/:id/cancel',
    {
      schema: {
        tags,
        summary: '取消导入 Cancel a queued or running import (committed batches stay)',
        params: ImportIdParams,
        response: responses({ 200: ImportView }, [...SIGNED_IN, 'validation_failed', 'not_found', 'conflict']),
      },
    },
    async (req) => cancelImport(req.ctx, req.params.id),
  );
}
