import { defineMessages } from '../../lib/i18n';
import { COMMON_MESSAGES } from '../../lib/messages';

/** 电子会员卡 (H5) and 会员卡核验 (console). */
export const t = defineMessages({
  ...COMMON_MESSAGES,
  'card.title': ['电子会员卡', 'Member card'],
  'card.union': ['中华全国总工会', 'All-China Federation of Trade Unions'],
  'card.memberCard': ['工会会员卡', 'Trade union member card'],
  'card.memberNo': ['会员编号', 'Member no.'],
  'card.joinedOn': ['入会日期', 'Joined'],
  'card.idMasked': ['身份证号', 'ID number'],
  'card.transferring': ['会籍接转中', 'Transfer in progress'],
  'card.refreshIn': ['{s} 秒后自动更新', 'Refreshes in {s} s'],
  'card.qrHint': [
    '出示此码供工会或合作商家核验；截图无效',
    'Show this code to be verified; a screenshot will not work',
  ],
  'card.qrFailed': ['二维码获取失败', 'Could not load the code'],
  'card.notMember': ['您还不是工会会员', 'You are not a union member yet'],
  'card.notMemberHint': [
    '用这个手机号入会后，电子会员卡会显示在这里。',
    'Once you join with this phone number, your card appears here.',
  ],
  'card.join': ['码上入会', 'Join the union'],
  'card.signIn': ['请先登录', 'Please sign in first'],
  'card.toMe': ['去登录', 'Sign in'],
  'card.open': ['电子会员卡', 'Member card'],
  'verify.title': ['会员卡核验', 'Verify a member card'],
  'verify.intro': [
    '用扫码枪扫描会员出示的二维码，或将扫码内容粘贴到下方后按回车。',
    'Scan the member’s QR code with a handheld scanner, or paste what it reads below and press Enter.',
  ],
  'verify.placeholder': ['扫码内容', 'Scanned code'],
  'verify.submit': ['核验', 'Verify'],
  'verify.camera': ['用摄像头扫码', 'Scan with the camera'],
  'verify.cameraStop': ['停止扫码', 'Stop scanning'],
  'verify.cameraFailed': ['无法打开摄像头', 'Could not open the camera'],
  'verify.valid': ['有效会员', 'Valid member'],
  'verify.expired': ['二维码已过期', 'Code expired'],
  'verify.expiredHint': [
    '请会员刷新电子会员卡后重新出示（截图无效）',
    'Ask the member to show the live card (screenshots do not work)',
  ],
  'verify.revoked': ['会籍已失效', 'Membership lapsed'],
  'verify.invalid': ['无效二维码', 'Invalid code'],
  'verify.invalidHint': ['不是本平台的电子会员卡', 'Not a member card of this platform'],
  'verify.org': ['所属工会', 'Union'],
  'verify.name': ['姓名', 'Name'],
  'verify.memberNo': ['会员编号', 'Member no.'],
  'verify.checkedAt': ['核验时间', 'Checked at'],
});
