/**
 * Roster import and export through the API, as a cadre uses them: the template, an upload with
 * every kind of awkward cell, the job's progress and the error report; each bad file of the
 * issue's "Bad input" list refused at once with its message and nothing kept; a run that dies
 * after a committed batch resumes without writing a row twice; cancel; the members export masked
 * and unmasked, each audited with its filters and row count.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type SqlBool } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testIdNumber } from '../../../common/id-number';
import type { JobContext, JobDefinition } from '../../jobs/job';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn } from '../auth/auth.factories';
import { buildMember, nextTestIdNumber } from '../members/members.factories';
import { buildWorld, type World } from '../orgs/orgs.factories';
import { buildZipBomb, importRequest, readWorkbook, scratchDir, xlsxBytes } from './imports.factories';
import { runImportJob } from './job';

let t: TestApp;
let w: World;
let admin: string;
let viewer: string;
const HEADER = ['姓名', '身份证号', '手机号', '职业', '平台', '工作单位', '所在工会', '入会日期'];
const KIND = 'members.roster';

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  await buildAccount(t, { org: w.sucheng, role: 'org_admin', username: 'i_admin' });
  await buildAccount(t, { org: w.sucheng, role: 'viewer', username: 'i_viewer' });
  admin = await signIn(t, 'i_admin');
  viewer = await signIn(t, 'i_viewer');
});
afterAll(() => t?.close());

const api = (method: 'GET' | 'POST', url: string, cookie = admin, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, payload });
const upload = async (rows: unknown[][], merges: string[] = [], orgId = w.street.id) =>
  t.app.inject(importRequest(KIND, orgId, await xlsxBytes(rows as never, merges), admin));
/**
 * Works the import's queued run as a worker would (the runner itself is tested in server/jobs/):
 * the run the upload enqueued, its payload, a system context with progress and a signal.
 */
async function runJob(importId: number, job: JobDefinition = runImportJob): Promise<void> {
  const run = await t.db
    .selectFrom('jobs')
    .select(['id', 'payload'])
    .where('name', '=', 'imports.run')
    .where('state', '=', 'queued')
    .where(sql<SqlBool>`payload->>'import_id' = ${String(importId)}`)
    .executeTakeFirstOrThrow();
  const ctx: JobContext = {
    ...t.deps,
    actor: { kind: 'system' },
    ip: null,
    jobId: String(run.id),
    signal: new AbortController().signal,
    progress: async () => {},
  };
  await job.run(ctx, run.payload as never);
}
const fullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const importCount = async () => (await t.db.selectFrom('imports').select('id').execute()).length;
const uploadsLeft = () => {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [e.name]));
  try {
    return walk(t.deps.state.imports.dir);
  } catch {
    return [];
  }
};
const lookup = async (idNumber: string) =>
  (await api('POST', '/members/lookup', admin, { id_number: idNumber })).json().items as Array<{
    name_masked: string;
    joined_on: string;
    org_id: number;
  }>;

describe('the template', () => {
  it('is an xlsx with the Chinese headers (required ones marked *), an example row and a 填写说明 sheet', async () => {
    const res = await api('GET', `/imports/${KIND}/template`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('会员花名册-导入模板.xlsx'));
    const book = await readWorkbook(res.rawPayload);
    expect(book['会员花名册']![0]).toEqual([
      '姓名*',
      '身份证号*',
      '手机号',
      '职业*',
      '平台',
      '工作单位',
      '所在工会',
      '入会日期',
    ]);
    expect(book['填写说明']!.flat().join()).toContain('请勿合并单元格');
    expect((await api('GET', `/imports/${KIND}/template`, viewer)).statusCode).toBe(403);
  });
});

describe('an upload with good and bad rows', () => {
  it('writes the good rows, reports every bad one with its reason, and shows progress and counts', async () => {
    const zhang = nextTestIdNumber();
    const known = await buildMember(t, w.street.id);
    const badCheck = nextTestIdNumber().replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    const ids = { formula: nextTestIdNumber(), merged: nextTestIdNumber(), under: nextTestIdNumber() };
    const res = await upload(
      [
        HEADER,
        ['张三', fullWidth(zhang), '１３７００００００１２', '快递员', '顺丰', '', '', '2024/3/1'],
        [null, null, null, null, null, null, null, null],
        ['李四', 995501880412321, '', '网约车驾驶员', '滴滴', '', '', 45352],
        [
          '王五',
          { formula: `"${ids.formula.slice(0, 9)}"&"${ids.formula.slice(9)}"`, result: ids.formula },
          '',
          '快递员',
          '',
          '',
          '',
          new Date(Date.UTC(2023, 0, 5)),
        ],
        ['赵六', ids.merged, '', '护工', '', '', '', ''],
        ['', ids.under, '', '护工', '', '', '', ''],
        ['钱七', badCheck, '', '快递员', '', '', '', ''],
        ['孙八', zhang, '', '快递员', '', '', '', ''],
        ['周九', known.idNumber, '', '快递员', '', '', '', ''],
        ['吴十', nextTestIdNumber(), '', '快递员', '', '', '', '2024-02-30'],
      ],
      ['A6:A7'],
    );
    expect(res.statusCode, res.body).toBe(202);
    const queued = res.json();
    expect(queued).toMatchObject({ kind: KIND, kind_title: '会员花名册', state: 'queued', progress: 0, is_mine: true });
    expect(queued.org_name).toBe('幸福街道总工会');

    await runJob(queued.id);
    const done = (await api('GET', `/imports/${queued.id}`)).json();
    expect(done).toMatchObject({
      state: 'done',
      progress: 100,
      total_rows: 9,
      read_rows: 9,
      written_rows: 4,
      duplicate_rows: 1,
      invalid_rows: 4,
      valid_rows: 5,
      has_errors: true,
    });
    expect(uploadsLeft()).toEqual([]); // the workbook is deleted once the import ends

    // Full-width digits, a 15-digit number, a formula and a merged cell's first row were read right.
    expect(await lookup(zhang)).toMatchObject([{ name_masked: '张*', joined_on: '2024-03-01', org_id: w.street.id }]);
    expect(await lookup(testIdNumber('1988-04-12', 321, '995501'))).toMatchObject([{ joined_on: '2024-03-01' }]);
    expect(await lookup(ids.formula)).toMatchObject([{ joined_on: '2023-01-05' }]);
    expect(await lookup(ids.merged)).toHaveLength(1);
    expect(await lookup(ids.under)).toHaveLength(0);

    const report = await api('GET', `/imports/${queued.id}/errors.xlsx`);
    expect(report.statusCode).toBe(200);
    const rows = (await readWorkbook(report.rawPayload))['错误报告']!;
    expect(rows[0]).toEqual(['行号', ...HEADER, '错误原因']);
    const byRow = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect([...byRow.keys()]).toEqual(['7', '8', '9', '10', '11']);
    expect(byRow.get('7')![1]).toBe('');
    expect(byRow.get('7')![9]).toContain('合并单元格');
    expect(byRow.get('8')![2]).toBe(badCheck);
    expect(byRow.get('8')![9]).toContain('身份证号');
    expect(byRow.get('9')![9]).toBe('与第 2 行重复（同一身份）');
    expect(byRow.get('10')![9]).toContain('已在会员库中');
    expect(byRow.get('11')![9]).toContain('入会日期');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('entity_type', '=', 'import')
      .where('entity_id', '=', String(queued.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['import.started', 'import.errors_downloaded']);

    const list = (await api('GET', `/imports?kind=${KIND}&mine=true`)).json();
    expect(list.items.map((i: { id: number }) => i.id)).toContain(queued.id);
    expect((await api('GET', `/imports/${queued.id}`, viewer)).statusCode).toBe(404);
  });
});

describe('bad files', () => {
  it('refuses each at once with a message naming the problem, keeping nothing', async () => {
    const dir = scratchDir();
    const before = await importCount();
    const cases: Array<[string, Buffer, RegExp]> = [
      ['a 0-byte file', Buffer.alloc(0), /0 字节/],
      ['a CSV renamed .xlsx', Buffer.from('姓名,身份证号\n张三,110101199003071234\n'), /不是 Excel/],
      ['a zip bomb', readFileSync(buildZipBomb(join(dir, 'bomb.xlsx'))), /压缩炸弹/],
      [
        'wrong headers',
        await xlsxBytes([
          ['名字', '证件号'],
          ['张三', '1'],
        ]),
        /缺少「姓名、身份证号、职业」.*请下载模板/,
      ],
      ['a zip that is no workbook', Buffer.from(zipWithout()), /不是 Excel|已损坏/],
    ];
    for (const [what, data, message] of cases) {
      const res = await t.app.inject(importRequest(KIND, w.street.id, data, admin));
      expect(res.statusCode, what).toBe(422);
      expect(res.json().error.fields.file, what).toMatch(message);
    }
    expect(await importCount()).toBe(before);
    expect(uploadsLeft()).toEqual([]);
  });

  it('names the org when it is missing or out of sight', async () => {
    const data = await xlsxBytes([HEADER]);
    for (const org of [999_999, w.jiangxi.id, 'x']) {
      const res = await t.app.inject(importRequest(KIND, org, data, admin));
      expect(res.statusCode).toBe(422);
      expect(res.json().error.fields).toHaveProperty('org_id');
    }
    expect(uploadsLeft()).toEqual([]);
  });

  it('refuses a file with more rows than the maximum before writing any', async () => {
    const run = t.deps.state.imports.run;
    const saved = run.maxRows;
    run.maxRows = 3;
    try {
      const names = ['甲', '乙', '丙', '丁'];
      const res = await upload([HEADER, ...names.map((n) => [n, nextTestIdNumber(), '', '快递员', '', '', '', ''])]);
      await runJob(res.json().id);
      expect((await api('GET', `/imports/${res.json().id}`)).json()).toMatchObject({
        state: 'refused',
        written_rows: 0,
        message: expect.stringContaining('超过 3 行上限'),
      });
    } finally {
      run.maxRows = saved;
    }
  });
});

describe('a run that dies mid-way', () => {
  it('resumes after the last committed batch when the runner runs it again, writing every row once', async () => {
    const run = t.deps.state.imports.run;
    const saved = run.batchSize;
    run.batchSize = 10;
    try {
      const rows = Array.from({ length: 25 }, (_, i) => [`续${i}`, nextTestIdNumber(), '', '快递员', '', '', '', '']);
      rows.push(['续重', rows[3]![1]!, '', '快递员', '', '', '', '']); // a repeat in the last batch
      const id = (await upload([HEADER, ...rows])).json().id as number;
      // The process "dies" right after the first batch committed: nothing after it happens.
      let reports = 0;
      const dying: JobDefinition = {
        ...runImportJob,
        run: (ctx, payload) =>
          runImportJob.run(
            {
              ...ctx,
              progress: async (percent, message) => {
                await ctx.progress(percent, message);
                if (++reports === 2) throw new Error('simulated crash');
              },
            },
            payload as never,
          ),
      };
      await expect(runJob(id, dying)).rejects.toThrow('simulated crash');
      expect((await api('GET', `/imports/${id}`)).json()).toMatchObject({
        state: 'running',
        written_rows: 10,
        progress: 38,
      });
      // The runner runs it again (a retry, or another node once the lease ran out): it goes on.
      await runJob(id);
      expect((await api('GET', `/imports/${id}`)).json()).toMatchObject({
        state: 'done',
        read_rows: 26,
        written_rows: 25,
        invalid_rows: 1,
      });
      const written = await t.db.selectFrom('members').select('name').where('name', 'like', '续%').execute();
      expect(written).toHaveLength(25);
      const errors = await t.db.selectFrom('import_errors').select('row_number').where('import_id', '=', id).execute();
      expect(errors.map((e) => e.row_number)).toEqual([27]);
    } finally {
      run.batchSize = saved;
    }
  });

  it('a cancelled import writes nothing more, and cannot be cancelled twice', async () => {
    const res = await upload([HEADER, ['取消', nextTestIdNumber(), '', '快递员', '', '', '', '']]);
    const id = res.json().id as number;
    expect((await api('POST', `/imports/${id}/cancel`)).json()).toMatchObject({ state: 'cancelled' });
    await runJob(id);
    expect((await api('GET', `/imports/${id}`)).json()).toMatchObject({ state: 'cancelled', written_rows: 0 });
    expect((await api('POST', `/imports/${id}/cancel`)).statusCode).toBe(409);
    expect(uploadsLeft()).toEqual([]);
  });
});

describe('the members export', () => {
  it('streams the filtered list masked, and unmasked only with a reason; both audited with filters and count', async () => {
    const org = w.street.id;
    const ids = [nextTestIdNumber(), nextTestIdNumber()];
    for (const [i, idNumber] of ids.entries())
      await buildMember(t, w.street.id, { idNumber, name: `导出${i}`, occupation: 'truck_driver' });
    const filters = { org_id: org, occupation: 'truck_driver' };

    const masked = await api('GET', `/members/export.xlsx?org_id=${org}&occupation=truck_driver`);
    expect(masked.statusCode).toBe(200);
    const sheet = (await readWorkbook(masked.rawPayload))['会员名册']!;
    expect(sheet[0]).toEqual(expect.arrayContaining(['会员号', '姓名', '身份证号', '手机号', '所在工会', '入会日期']));
    expect(
      sheet
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual(['导*0', '导*1']);
    expect(sheet.slice(1).every((r) => r[2]!.includes('*') && !ids.includes(r[2]!))).toBe(true);
    expect(sheet.slice(1).every((r) => r[7] === '货车司机')).toBe(true);

    const full = await api('POST', '/members/export', admin, { filters, reason: '核对花名册' });
    expect(full.statusCode).toBe(200);
    const rows = (await readWorkbook(full.rawPayload))['会员名册']!.slice(1);
    expect(rows.map((r) => r[2]).sort()).toEqual([...ids].sort());
    expect(rows.map((r) => r[1]).sort()).toEqual(['导出0', '导出1']);

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['reason', 'details'])
      .where('action', '=', 'export.downloaded')
      .orderBy('id')
      .execute();
    expect(audit.slice(-2).map((a) => ({ reason: a.reason, details: a.details }))).toEqual([
      { reason: null, details: { kind: 'members.roster', filters, rows: 2, unmasked: false } },
      { reason: '核对花名册', details: { kind: 'members.roster', filters, rows: 2, unmasked: true } },
    ]);

    expect(
      (await api('POST', '/members/export', admin, { filters, reason: '  短 ' })).json().error.fields,
    ).toHaveProperty('reason');
    expect((await api('GET', `/members/export.xlsx?org_id=${org}&unmask=1`)).statusCode).toBe(422);
    expect((await api('GET', `/members/export.xlsx`, viewer)).statusCode).toBe(403);
  });
});

/** A zip holding one text file and no workbook parts. */
function zipWithout(): Buffer {
  const dir = scratchDir();
  const path = join(dir, 'not.xlsx');
  // A stored (uncompressed) single-entry zip, by hand.
  const name = Buffer.from('hello.txt');
  const data = Buffer.from('hello');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const cd = Buffer.alloc(46);
  cd.writeUInt32LE(0x02014b50, 0);
  cd.writeUInt32LE(data.length, 20);
  cd.writeUInt32LE(data.length, 24);
  cd.writeUInt16LE(name.length, 28);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(46 + name.length, 12);
  eocd.writeUInt32LE(30 + name.length + data.length, 16);
  writeFileSync(path, Buffer.concat([local, name, data, cd, name, eocd]));
  return readFileSync(path);
}
