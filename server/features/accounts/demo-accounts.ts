/**
 * The demo accounts (DESIGN.md §8): one per level and role of the demo union tree
 * (server/features/orgs/demo-tree.ts), each placed by the org's demo key. Plain data.
 */
export interface DemoAccount {
  username: string;
  display_name: string;
  org_key: string;
  role: 'national_admin' | 'org_admin' | 'case_officer' | 'hotline_agent' | 'station_keeper' | 'reviewer' | 'viewer';
  /** What signing in with this account shows, in a few words. */
  note_zh: string;
}

/** The password of every demo account (the demo banner says so; never used outside demo mode). */
export const DEMO_PASSWORD = 'Gonghui@2026';

/** One demo account per level and role, so the "layer and below" scope shows at every level. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    username: 'admin',
    display_name: '全总系统管理员',
    org_key: 'acftu',
    role: 'national_admin',
    note_zh: '全国管理员：看到整棵组织树',
  },
  {
    username: 'jiangsu',
    display_name: '江苏省总工会管理员',
    org_key: 'js',
    role: 'org_admin',
    note_zh: '江苏省总工会管理员：只能看到江苏省及其下级',
  },
  {
    username: 'suqian',
    display_name: '宿迁市总工会管理员',
    org_key: 'js.sq',
    role: 'org_admin',
    note_zh: '宿迁市总工会管理员：只能看到宿迁市及其下级',
  },
  {
    username: 'suqian_reviewer',
    display_name: '宿迁市评审专家',
    org_key: 'js.sq',
    role: 'reviewer',
    note_zh: '宿迁市评审专家：为项目申报打分',
  },
  {
    username: 'sucheng',
    display_name: '宿城区总工会管理员',
    org_key: 'js.sq.sc',
    role: 'org_admin',
    note_zh: '宿城区总工会管理员：只能看到宿城区及其下级',
  },
  {
    username: 'sucheng_case',
    display_name: '宿城区工单办理员',
    org_key: 'js.sq.sc',
    role: 'case_officer',
    note_zh: '宿城区总工会办件人：受理、派单、办理诉求',
  },
  {
    username: 'sucheng_hotline',
    display_name: '宿城区12351坐席',
    org_key: 'js.sq.sc',
    role: 'hotline_agent',
    note_zh: '12351 热线坐席：一分钟内登记来电诉求',
  },
  {
    username: 'sucheng_viewer',
    display_name: '宿城区查看员',
    org_key: 'js.sq.sc',
    role: 'viewer',
    note_zh: '宿城区只读账号：看报表和名册，不能修改',
  },
  {
    username: 'xingfu',
    display_name: '幸福街道总工会管理员',
    org_key: 'js.sq.sc.xf',
    role: 'org_admin',
    note_zh: '幸福街道总工会管理员：只能看到本街道及其下级',
  },
  {
    username: 'xingfu_keeper',
    display_name: '幸福街道驿站站长',
    org_key: 'js.sq.sc.xf',
    role: 'station_keeper',
    note_zh: '驿站站长：维护幸福街道驿站的开放时间和设施',
  },
  {
    username: 'meituan_sc',
    display_name: '美团宿城站点工会主席',
    org_key: 'js.sq.sc.delivery.meituan',
    role: 'org_admin',
    note_zh: '企业（平台站点）工会管理员：只看到本工会',
  },
  {
    username: 'hengda',
    display_name: '恒达纺织工会主席',
    org_key: 'js.sq.sc.xf.hengda',
    role: 'org_admin',
    note_zh: '企业工会管理员：本工会及其工会小组',
  },
  {
    username: 'shangrao',
    display_name: '上饶市总工会管理员',
    org_key: 'jx.sr',
    role: 'org_admin',
    note_zh: '上饶市总工会管理员：看不到江苏的任何数据',
  },
  {
    username: 'xinzhou',
    display_name: '信州区总工会管理员',
    org_key: 'jx.sr.xz',
    role: 'org_admin',
    note_zh: '信州区总工会管理员：信州区的驿站和会员',
  },
];
