/**
 * The files routes' rows of the authorization matrix (server/testing/authz-harness.ts says how cells
 * are derived). The matrix's app declares the tests' kinds (files.factories.ts): a TEST_DOC file's
 * record is an org, read with orgs.read over it, so a file attached at a position is readable
 * exactly where that org is. The routes are public (a worker filing a case uploads without an
 * account): a caller who may not read a file gets the missing file's 404, never a 401.
 */
import { all, callerRow, send, treeRow, type Row } from '../../testing/authz-harness';
import { MISSING, matrixApp, orgAt, type Position } from '../../testing/authz-world';
import { buildFile, smallPng, TEST_DOC, uploadRequest } from './files.factories';

const MISSING_FILE = '00000000-0000-4000-8000-000000000000';
const attachedAt = new Map<Position, Promise<string>>();

/** A private file attached to the org at `pos` (one per position, made on first use). */
function fileAt(pos: Position): Promise<string> {
  if (pos === 'missing' || orgAt(pos) === MISSING) return Promise.resolve(MISSING_FILE);
  if (!attachedAt.has(pos)) attachedAt.set(pos, buildFile(matrixApp(), { kind: TEST_DOC, recordId: orgAt(pos) }));
  return attachedAt.get(pos)!;
}

const readRow = (route: string, suffix: string) =>
  treeRow(route, {
    needs: 'orgs.read',
    unpermitted: 'hidden',
    except: { anonymous: all(404), member: all(404) },
    build: async ({ pos }) => ({ method: 'GET', url: `/api/v1/files/${await fileAt(pos)}${suffix}` }),
  });

export const filesRows: Row[] = [
  readRow('GET /api/v1/files/:id', ''),
  readRow('GET /api/v1/files/:id/thumb', '/thumb'),
  // TEST_DOC takes uploads from anyone; a session that must first change its password uploads nothing.
  callerRow('POST /api/v1/files', {
    who: 'anyone',
    ok: 201,
    except: { restricted: 403 },
    build: async () => uploadRequest(TEST_DOC, [await smallPng()]),
  }),
  // Each caller deletes its own fresh upload (the anonymous one with its token).
  callerRow('DELETE /api/v1/files/:id', {
    who: 'anyone',
    ok: 204,
    except: { restricted: 403 },
    build: async ({ cookie }) => {
      const res = await send(uploadRequest(TEST_DOC, [await smallPng()]), cookie);
      const item: { id: string; token?: string } = res.statusCode === 201 ? res.json().items[0] : { id: MISSING_FILE };
      return {
        method: 'DELETE',
        url: `/api/v1/files/${item.id}`,
        headers: item.token ? { 'x-upload-token': item.token } : undefined,
      };
    },
  }),
];
