// @ts-nocheck
import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { testIdNumber } from '../../common/id-number';
import { createCipher } from '../../server/lib/crypto';
import { readSheetRows } from '../../server/features/imports/read-rows';
import { rosterImportKind } from '../../server/features/members/roster-import';
const ROWS = 100_000; const path = '/tmp/roster100k.xlsx';
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'; const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平';
const JOBS = ['快递员', '网约车驾驶员', '货车司机', '家政服务员', '企业职工']; const PLATFORMS = ['顺丰', '滴滴', '美团', '京东', ''];
if (!existsSync(path)) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('会员花名册');
  ws.addRow(['姓名', '身份证号', '手机号', '职业', '平台', '工作单位', '所在工会', '入会日期']).commit();
  for (let i = 0; i < ROWS; i++) {
    const id = testIdNumber(`19${70 + (i % 30)}-0${(i % 9) + 1}-1${i % 10}`, Math.floor(i / 10_000), `99${String(i % 10_000).padStart(4, '0')}`);
    const name = SURNAMES[i % SURNAMES.length]! + GIVEN[Math.floor(i / 20) % GIVEN.length]! + GIVEN[i % GIVEN.length]!;
    ws.addRow([name, id, `137${String(i).padStart(8, '0')}`, JOBS[i % JOBS.length]!, PLATFORMS[i % PLATFORMS.length]!, '', '', '2024-03-01']).commit();
  }
  ws.commit(); await wb.commit();
}
const mode = process.argv[2] ?? 'all';
const cipher = createCipher(new Map([[1, randomBytes(32)]]), randomBytes(32));
const prepared = { orgs: new Map<string, number>(), cipher };
let peakHeap = 0; const iv = setInterval(() => { peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed); }, 20); const c0 = process.cpuUsage(); const t0 = performance.now(); let n = 0; const seen = new Map<string, number>();
for await (const row of readSheetRows(path, rosterImportKind.columns, { maxRows: 1e6 })) {
  n++;
  if (mode === 'read') continue;
  const p = rosterImportKind.parseRow(row.raw, { orgId: 1, rowNumber: row.rowNumber, prepared });
  if (p.ok) seen.set(rosterImportKind.dedupeKey(p.value), row.rowNumber);
}
const ms = performance.now() - t0; const c = process.cpuUsage(c0);
clearInterval(iv); console.log('peak heap', peakHeap >> 20); console.log(mode, n, 'rows', ms.toFixed(0), 'ms', (n / ms * 1000).toFixed(0), 'rows/s', 'cpu', ((c.user + c.system) / 1000).toFixed(0), 'rss', (process.resourceUsage().maxRSS / 1024).toFixed(0));
