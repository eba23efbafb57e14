import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../http/context';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { buildMember, nextTestIdNumber, wrongCheckCharacter } from '../members/members.factories';
import { rosterImportKind } from '../members/roster-import';
import { buildWorld, type World } from '../orgs/orgs.factories';
import { buildXlsx, buildZip, scratchDir } from './imports.factories';
import { DEFAULT_RUN_OPTIONS, runImport } from './run-import';
import * as q from './sql';

let t: TestApp;
let w: World;
const dir = scratchDir();
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(() => t.close());

const HEADER = ['姓名', '身份证号', '手机号', '职业', '平台', '工作单位', '所在工会', '入会日期'];

async function startImport(file: string, rows: unknown[][]): Promise<number> {
  const path = await buildXlsx(join(dir, file), [HEADER, ...(rows as never[][])]);
  return q.insertImport(t.db, {
    kind: rosterImportKind.name,
    org_id: w.street.id,
    file_path: path,
    original_name: file,
    created_by: null,
  });
}

async function importedCount(importId: number): Promise<number> {
  const ids = await t.db.selectFrom('members').select('id_hash').where('channel', '=', 'import').execute();
  return ids.length + importId * 0;
}

describe('the roster import', () => {
  it('writes valid rows, lists bad rows and duplicates (in file and in the registry) in the error report', async () => {
    const known = await buildMember(t, w.street.id);
    const a = nextTestIdNumber();
    const before = await importedCount(0);
    const id = await startImport('mixed.xlsx', [
      ['张三', a, '13700000001', '快递员', '顺丰', '', '', '2024-03-01'],
      ['李四', wrongCheckCharacter(nextTestIdNumber()), '', '快递员', '', '', '', ''],
      ['王五', a, '', '快递员', '', '', '', ''],
      ['赵六', known.idNumber, '', '企业职工', '', '', '', ''],
      ['钱七', nextTestIdNumber(), '12345', '外星人', '', '', '不存在的工会', '2024-02-30'],
      ['孙八', nextTestIdNumber(), '', '网约车驾驶员', '滴滴', '', '', 45352],
    ]);
    const done = await runImport(systemContext(t.deps), rosterImportKind, id, DEFAULT_RUN_OPTIONS);
    expect(done).toMatchObject({
      status: 'done',
      total_rows: 6,
      read_rows: 6,
      written_rows: 2,
      duplicate_rows: 1,
      error_rows: 3,
    });
    expect((await importedCount(0)) - before).toBe(2);
    const errs: { rowNumber: number; message: string }[] = [];
    for await (const e of q.listImportErrors(systemContext(t.deps), id)) errs.push(e);
    expect(errs.map((e) => e.rowNumber)).toEqual([3, 4, 5, 6]);
    expect(errs[1]!.message).toBe('与第 2 行重复（同一身份）');
    expect(errs[2]!.message).toContain('已在会员库中');
    expect(errs[3]!.message).toMatch(/手机号.*职业.*所在工会.*入会日期/);
    const sun = await t.db.selectFrom('members').selectAll().where('name', '=', '孙八').executeTakeFirstOrThrow();
    expect(sun).toMatchObject({ channel: 'import', is_new_form: true, platform: '滴滴' });
    expect(String(sun.joined_on)).toContain('2024-03-01');
  });

  it('refuses a file with wrong headers whole, writing nothing', async () => {
    const path = await buildXlsx(join(dir, 'wrong.xlsx'), [
      ['名字', '证件号'],
      ['张三', nextTestIdNumber()],
    ]);
    const id = await q.insertImport(t.db, {
      kind: 'members.roster',
      org_id: w.street.id,
      file_path: path,
      original_name: 'x',
      created_by: null,
    });
    const done = await runImport(systemContext(t.deps), rosterImportKind, id);
    expect(done.status).toBe('refused');
    expect(done.message).toContain('表头应为：姓名、身份证号');
    expect(done.written_rows).toBe(0);
  });

  it('refuses more rows than the maximum before writing any', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => [`人${i}`, nextTestIdNumber(), '', '快递员', '', '', '', '']);
    const id = await startImport('many.xlsx', rows);
    const done = await runImport(systemContext(t.deps), rosterImportKind, id, { ...DEFAULT_RUN_OPTIONS, maxRows: 10 });
    expect(done).toMatchObject({ status: 'refused', written_rows: 0 });
    expect(done.message).toContain('超过 10 行上限');
  });

  it('refuses a file whose sheet is damaged past its header before writing any row', async () => {
    const body = Array.from(
      { length: 3000 },
      (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>坏${i}</t></is></c></row>`,
    );
    const header = `<row r="1">${HEADER.map((h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row>`;
    const xml = deflateRawSync(Buffer.from(`<worksheet><sheetData>${header}${body.join('')}</sheetData></worksheet>`));
    const path = buildZip(join(dir, 'damaged.xlsx'), [
      ['[Content_Types].xml', '<Types/>'],
      ['xl/workbook.xml', '<workbook/>'],
      ['xl/worksheets/sheet1.xml', { deflated: xml.subarray(0, xml.length - 40), size: 1_000_000 }],
    ]);
    const id = await q.insertImport(t.db, {
      kind: rosterImportKind.name,
      org_id: w.street.id,
      file_path: path,
      original_name: 'damaged.xlsx',
      created_by: null,
    });
    const done = await runImport(systemContext(t.deps), rosterImportKind, id, {
      ...DEFAULT_RUN_OPTIONS,
      batchSize: 10,
    });
    expect(done).toMatchObject({ status: 'refused', written_rows: 0, error_rows: 0 });
    expect(done.message).toContain('文件已损坏');
  });

  it('resumes after being stopped mid-way and writes every row exactly once', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => [`续${i}`, nextTestIdNumber(), '', '快递员', '', '', '', '']);
    const id = await startImport('resume.xlsx', rows);
    const stop = new AbortController();
    let batches = 0;
    const first = await runImport(systemContext(t.deps), rosterImportKind, id, {
      batchSize: 10,
      maxRows: 100,
      signal: stop.signal,
      progress: async () => {
        if (++batches === 2) stop.abort(); // the process "dies" after the first committed batch
      },
    });
    expect(first).toMatchObject({ status: 'running', checkpoint_row: 11, written_rows: 10 });
    const done = await runImport(systemContext(t.deps), rosterImportKind, id, { batchSize: 10, maxRows: 100 });
    expect(done).toMatchObject({ status: 'done', written_rows: 25, error_rows: 0, duplicate_rows: 0 });
    const names = await t.db.selectFrom('members').select('name').where('name', 'like', '续%').execute();
    expect(names).toHaveLength(25);
  });
});
