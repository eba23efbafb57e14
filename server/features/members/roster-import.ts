import { parseIdNumber } from '../../../common/id-number';
import { OCCUPATIONS, type Occupation } from '../../../common/members';
import { normaliseName } from '../../../common/names';
import { normaliseMobile } from '../../../common/phone';
import { defineImportKind } from '../../http/import-kind';
import { parseSheetDate } from '../imports/read-rows';
import {
  findExistingIdHashes,
  insertRosterBatch,
  prepareRoster,
  sealRosterPerson,
  type RosterPrepared,
  type RosterRow,
} from './import-service';
import { shanghaiToday } from './personal';

const OCCUPATION_BY_LABEL = new Map<string, Occupation>(
  Object.entries(OCCUPATIONS).flatMap(([code, label]) => [
    [label, code as Occupation],
    [label.replace(/（.*）/, ''), code as Occupation],
    [code, code as Occupation],
  ]),
);

/** 会员花名册: one member per row, sealed on the way in; a person already registered is a reported duplicate. */
export const rosterImportKind = defineImportKind<RosterRow, RosterPrepared>({
  name: 'members.roster',
  title: '会员花名册',
  permission: 'members.manage',
  columns: [
    { header: '姓名', key: 'name', required: true, example: '张三', help: '与身份证一致' },
    {
      header: '身份证号',
      key: 'id_number',
      required: true,
      example: '990101199003071239',
      help: '18 位或 15 位；请将单元格设为文本，以免末位被 Excel 改写',
    },
    { header: '手机号', key: 'phone', required: false, example: '13800000000', help: '大陆 11 位手机号' },
    {
      header: '职业',
      key: 'occupation',
      required: true,
      example: '快递员',
      help: `可填：${Object.values(OCCUPATIONS).join('、')}`,
    },
    { header: '平台', key: 'platform', required: false, example: '顺丰', help: '新就业形态劳动者所在平台' },
    { header: '工作单位', key: 'employer', required: false, example: '宿城区顺丰速运营业部', help: '' },
    {
      header: '所在工会',
      key: 'org',
      required: false,
      example: '',
      help: '本单位及下级工会的名称或编号；留空为导入时选择的工会',
    },
    {
      header: '入会日期',
      key: 'joined_on',
      required: false,
      example: '2024-03-01',
      help: '如 2024-03-01；留空为导入当天',
    },
  ],
  instructions: [
    '每行一名会员，第一行表头请勿修改；空行会被跳过。',
    '请勿合并单元格；公式会按其计算结果导入。',
    '已是会员的人（按身份证号判断）不会重复登记，会在结果中列为重复。',
    '导入完成后可下载错误报告：原始行加“错误原因”列，改正后可再次导入。',
  ],
  prepare: prepareRoster,
  parseRow(raw, { orgId, prepared }) {
    const errors: Record<string, string> = {};
    const name = normaliseName(raw.name ?? '');
    if (!name) errors.name = '「姓名」为空（如为合并单元格，请取消合并并逐行填写）';
    else if ([...name].length > 40) errors.name = '「姓名」超过 40 个字';
    const today = shanghaiToday();
    const id = parseIdNumber(raw.id_number ?? '', today);
    if (!raw.id_number) errors.id_number = '「身份证号」为空';
    else if (!id.ok) errors.id_number = `「身份证号」${id.message}`;
    let phone: string | null = null;
    if (raw.phone) {
      phone = normaliseMobile(raw.phone);
      if (!phone) errors.phone = '「手机号」不是大陆 11 位手机号';
    }
    const occupation = OCCUPATION_BY_LABEL.get(raw.occupation ?? '');
    if (!occupation) errors.occupation = raw.occupation ? '「职业」不在可选列表中（见填写说明）' : '「职业」为空';
    const target = raw.org ? prepared.orgs.get(raw.org) : orgId;
    if (target === undefined) errors.org = '「所在工会」不是本工会或其下级工会';
    const joinedOn = raw.joined_on ? parseSheetDate(raw.joined_on) : today;
    if (!joinedOn) errors.joined_on = '「入会日期」不是有效日期（如 2024-03-01）';
    else if (joinedOn > today) errors.joined_on = '「入会日期」晚于今天';
    if ((raw.platform ?? '').length > 40) errors.platform = '「平台」超过 40 个字';
    if ((raw.employer ?? '').length > 100) errors.employer = '「工作单位」超过 100 个字';
    if (Object.keys(errors).length > 0 || !id.ok) return { ok: false, errors };
    return {
      ok: true,
      value: {
        orgId: target!,
        name,
        ...sealRosterPerson(prepared.cipher, id.id, phone),
        occupation: occupation!,
        platform: raw.platform || null,
        employer: raw.employer || null,
        joinedOn: joinedOn!,
      },
    };
  },
  dedupeKey: (v) => v.id.id_hash.toString('hex'),
  findExisting: (tx, keys) => findExistingIdHashes(tx, keys),
  writeBatch: (tx, values) => insertRosterBatch(tx, values),
});
