import { defineMessages } from '../lib/i18n';
import { MOBILE_MESSAGES } from './messages';

/** The entry pages of services still to come, loaded only when one is opened. */
export const t = defineMessages({
  ...MOBILE_MESSAGES,
  'm.comingSoon': ['功能建设中，即将开放', 'Coming soon'],
  'm.joinSoon': [
    '码上入会：扫码填写基本信息，几分钟即可提交入会申请。所在单位已建工会的，直接加入本单位工会；快递员、外卖骑手、网约车司机等新就业形态劳动者，可按工作地或居住地申请入会。',
    'Join by QR code in minutes: workers whose employer has a union join it; couriers, riders and drivers join by where they work or live.',
  ],
  'm.stationsSoon': [
    '查找离你最近、正在开放的工会驿站（爱心驿站），可按热水、充电、微波炉、卫生间等设施筛选，到站扫码签到。',
    'Find the nearest open rest station, filter by hot water, charging, microwave or toilets, and check in by QR code.',
  ],
  'm.notFound': ['页面不存在', 'Page not found'],
  'm.notFoundHint': ['链接可能已失效，请返回首页。', 'The link may be out of date; go back home.'],
  'm.backHome': ['返回首页', 'Back home'],
});
