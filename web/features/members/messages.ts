import { defineMessages } from '../../lib/i18n';
import { CONSOLE_MESSAGES } from '../../components/messages';

/** 会员管理: the list, the profile drawer and the unmask dialog. */
export const t = defineMessages({
  ...CONSOLE_MESSAGES,
  'members.title': ['会员管理', 'Members'],
  'members.searchPlaceholder': [
    '姓名、拼音或首字母；身份证号或手机号精确查找',
    'Name, pinyin or initials; exact ID or phone',
  ],
  'members.orgFilter': ['所属工会（含下级）', 'Union (and below)'],
  'members.occupation': ['职业', 'Occupation'],
  'members.status': ['状态', 'Status'],
  'members.newForm': ['新就业形态', 'New form of employment'],
  'members.newFormYes': ['是', 'Yes'],
  'members.newFormNo': ['否', 'No'],
  'members.memberNo': ['会员号', 'Member no.'],
  'members.name': ['姓名', 'Name'],
  'members.idNumber': ['身份证号', 'ID number'],
  'members.phone': ['手机号', 'Phone'],
  'members.org': ['所属工会', 'Union'],
  'members.platform': ['平台', 'Platform'],
  'members.employer': ['工作单位', 'Employer'],
  'members.joinedOn': ['入会日期', 'Joined'],
  'members.gender': ['性别', 'Gender'],
  'members.genderM': ['男', 'Male'],
  'members.genderF': ['女', 'Female'],
  'members.birthYear': ['出生年份', 'Birth year'],
  'members.hardship': ['困难职工', 'Hardship'],
  'members.honours': ['荣誉', 'Honours'],
  'members.noHonours': ['暂无荣誉', 'No honours'],
  'members.profile': ['会员档案', 'Member profile'],
  'members.unmask': ['查看完整号码', 'Show full numbers'],
  'members.unmaskReason': ['查看理由', 'Reason'],
  'members.unmaskReasonHint': [
    '请填写查看理由（4–200 字），将记入审计日志',
    'Give a reason (4–200 characters); it is audited',
  ],
  'members.import': ['批量导入', 'Import'],
  'members.rosterTitle': ['会员花名册', 'Member roster'],
  'members.unmaskShown': ['完整号码仅显示一次，关闭后不再显示', 'Shown once; closing hides them again'],
});
