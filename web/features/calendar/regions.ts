import { t } from './messages';

/**
 * The regions whose own holidays the calendar holds (common/calendar/regional.ts): a code inside each,
 * so the API resolves the region's prefix. 全国 is the national calendar alone.
 */
export const REGION_CHOICES: ReadonlyArray<{ code: string; label: () => string }> = [
  { code: '', label: () => t('cal.national') },
  { code: '450000', label: () => '广西壮族自治区' },
  { code: '540000', label: () => '西藏自治区' },
  { code: '540100', label: () => '西藏 拉萨市' },
  { code: '650000', label: () => '新疆维吾尔自治区' },
];
