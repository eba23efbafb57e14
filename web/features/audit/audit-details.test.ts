import { describe, expect, it } from 'vitest';
import { describeDetails } from './audit-details';

const lines = (details: unknown, lang: 'zh' | 'en' = 'zh', orgNames?: Record<string, string>) =>
  describeDetails(details, {
    lang,
    orgNames,
    roleNames: { org_admin: { zh: '工会管理员', en: 'Union administrator' } },
  }).map((l) => [l.label, l.text]);

describe('audit details in words', () => {
  it('labels a move in Chinese, naming the orgs the server named and numbering the others', () => {
    const move = { from_parent_id: 13, to_parent_id: 6, from_path: '1.2.13.126' };
    expect(lines(move, 'zh', { 6: '幸福街道总工会', 126: '某公司工会' })).toEqual([
      ['原上级', '#13'],
      ['新上级', '幸福街道总工会 #6'],
      // What lies above the viewer's scope is one "…", not a row of bare numbers.
      ['原位置', '… › 某公司工会'],
    ]);
    expect(lines({ from_path: '1.5.9.12' }, 'zh', { 5: '宿城区总工会', 12: '某工会' })).toEqual([
      ['原位置', '… › 宿城区总工会 › #9 › 某工会'],
    ]);
    expect(lines({ from_path: '1.2' }, 'zh')).toEqual([['原位置', '#1 › #2']]);
    // Ids outside the viewer's scope come from the server as "…", and stay that.
    expect(lines({ from_parent_id: '…', to_parent_id: 6, from_path: '….63' }, 'zh', { 6: '幸福街道总工会' })).toEqual([
      ['原上级', '…'],
      ['新上级', '幸福街道总工会 #6'],
      ['原位置', '… › #63'],
    ]);
    expect(lines({ from_path: '….5.…' }, 'en', { 5: '宿城区总工会' })).toEqual([
      ['Previous place', '… › 宿城区总工会 › …'],
    ]);
  });

  it('shows an edit as field: old → new, in English too, and personal fields without their values', () => {
    const edit = {
      changes: {
        name: { from: '甲工会', to: '乙工会' },
        type: { from: 'enterprise_union', to: 'joint_union' },
        short_name: { from: null, to: '乙' },
        contact_phone: { changed: true },
      },
    };
    const [zh] = describeDetails(edit, { lang: 'zh' });
    expect(zh!.label).toBe('修改内容');
    expect(zh!.items!.map((i) => `${i.label}: ${i.text}`)).toEqual([
      '名称: 甲工会 → 乙工会',
      '类型: 企业工会 → 联合工会',
      '简称: （空） → 乙',
      '联系电话: 已修改（内容不记入日志）',
    ]);
    const [en] = describeDetails(edit, { lang: 'en' });
    expect(en!.label).toBe('Changes');
    expect(en!.items!.map((i) => `${i.label}: ${i.text}`)).toEqual([
      'Name: 甲工会 → 乙工会',
      'Type: Enterprise union → Joint union',
      'Short name: (empty) → 乙',
      'Contact phone: changed (not recorded)',
    ]);
  });

  it('shows a personal field recorded at the top level as changed, without its value', () => {
    expect(lines({ display_name: { changed: true }, status: 'disabled' })).toEqual([
      ['姓名', '已修改（内容不记入日志）'],
      ['状态', '已停用'],
    ]);
    expect(lines({ display_name: { changed: true } }, 'en')).toEqual([['Name', 'changed (not recorded)']]);
  });

  it('words coded values and role codes, and falls back to the key for a key it does not know', () => {
    expect(lines({ factor: 'totp' })).toEqual([['验证因素', '动态口令']]);
    expect(lines({ restriction: 'password_change' }, 'en')).toEqual([
      ['Restriction', 'Must change the password first'],
    ]);
    expect(lines({ role: 'org_admin', org_id: 7 }, 'en', { 7: '宿城区总工会' })).toEqual([
      ['Role', 'Union administrator'],
      ['Org', '宿城区总工会 #7'],
    ]);
    expect(lines({ status: 'disabled', brand_new: 'x' })).toEqual([
      ['状态', '已停用'],
      ['brand_new', 'x'],
    ]);
    expect(lines({ after: ['orgs.read', 'audit.read'] })).toEqual([['修改后', 'orgs.read、audit.read']]);
  });
});
