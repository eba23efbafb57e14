import { defineMessages } from '../lib/i18n';
import { COMMON_MESSAGES } from '../lib/messages';

/** The H5 shell, its home page and 我的 (in the first load: keep it short). */
export const MOBILE_MESSAGES = {
  ...COMMON_MESSAGES,
  'm.demoBanner': [
    '演示模式：数据均为虚构，验证码会直接显示。',
    'Demo mode: data is fictitious and codes are shown on screen.',
  ],
  'm.title': ['工会服务', 'Union services'],
  'm.subtitle': ['职工之家，服务到身边', 'The workers’ home, close at hand'],
  'm.tileJoin': ['入会', 'Join'],
  'm.tileJoinHint': ['码上入会', 'Join in minutes'],
  'm.tileStations': ['找驿站', 'Stations'],
  'm.tileStationsHint': ['附近的工会驿站', 'Rest stations nearby'],
  'm.tileCases': ['我要求助', 'Get help'],
  'm.tileCasesHint': ['诉求、维权、帮扶', 'Requests and rights'],
  'm.tileMe': ['我的', 'Me'],
  'm.tileMeHint': ['登录与个人信息', 'Sign-in and profile'],
  'm.hotline': ['职工服务热线', 'Workers’ hotline'],
  'm.networkPoor': ['网络不佳，请重试', 'The network is poor; please retry'],
  'm.networkPoorHint': ['页面没有加载成功，请检查网络后重试。', 'The page did not load; check the network and retry.'],
  'm.phone': ['手机号', 'Phone'],
  'm.myCard': ['电子会员卡', 'Member card'],
  'm.myTransfers': ['会籍转移', 'Move my membership'],
  'm.myCases': ['我的诉求', 'My requests'],
  'm.myAccount': ['我的账号', 'My account'],
  'm.logoutConfirm': ['确定退出登录吗？', 'Sign out?'],
  'm.logout': ['退出登录', 'Sign out'],
} as const;

export const t = defineMessages(MOBILE_MESSAGES);
