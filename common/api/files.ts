import { Type } from '@sinclair/typebox';
import { Strict } from './schemas';

/**
 * The files API's contract (server/features/files/routes.ts serves it). An upload is a
 * multipart/form-data body: a `kind` field first, then one or more `files` parts; the answer
 * carries each file's id (and, for an upload nobody signed in made, its upload token), which the
 * owning feature's write takes as `attachments` (docs/decisions/0012-uploads.md).
 */

/** A file id: a random UUID (unguessable, so a URL never enumerates uploads). */
export const FileId = Type.String({ format: 'uuid', description: '文件编号 File id (UUID)' });

export const FileIdParams = Strict({ id: FileId });

export const UploadedFile = Type.Object({
  id: FileId,
  token: Type.Optional(
    Type.String({
      description:
        '上传凭证：未登录上传时返回一次，提交附件时须一并提交 The upload token: returned once to a caller nobody signed in, presented again when attaching',
    }),
  ),
  content_type: Type.String({ description: '由文件内容判定的类型 The type decided from the bytes' }),
  size: Type.Integer({ description: '保存的字节数（图片为重新编码后） Bytes stored (images after re-encoding)' }),
  width: Type.Optional(Type.Integer()),
  height: Type.Optional(Type.Integer()),
  url: Type.String(),
  thumb_url: Type.Optional(Type.String()),
});

export const UploadAnswer = Type.Object({ items: Type.Array(UploadedFile) });

/**
 * What a write that attaches files takes (e.g. `POST /api/v1/cases` `attachments`): the ids the
 * upload answered, each with its token when the upload gave one.
 */
export const AttachmentRefs = Type.Array(
  Strict({
    id: FileId,
    token: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  }),
  { maxItems: 50 },
);

/** The header an anonymous uploader proves itself with when it reads or deletes its own unattached upload. */
export const UPLOAD_TOKEN_HEADER = 'x-upload-token';

/** The form fields of an upload: the kind first, then the files. */
export const UPLOAD_FIELDS = { kind: 'kind', files: 'files' } as const;
