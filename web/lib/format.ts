import { getLang } from './i18n';

// Dates are shown in Asia/Shanghai whatever the browser's zone (CONVENTIONS "Only one way").
const TIME_ZONE = 'Asia/Shanghai';

/** "2026-11-22 14:05" for an ISO timestamp; an em dash for none. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** Calendar dates (founded_on) are already civil dates; they are shown as stored. */
export function formatDate(date: string | null | undefined): string {
  return date ? date.slice(0, 10) : '—';
}

export function formatCount(n: number): string {
  return n.toLocaleString(getLang() === 'zh' ? 'zh-CN' : 'en-US');
}
