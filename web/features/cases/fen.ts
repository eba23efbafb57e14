/**
 * 元 as typed (“12000”, “3,500.5”, full-width digits) to 分 as an integer, without floating point:
 * null when it is not an amount of at most two decimals. Wages travel in 分 (common/api/cases.ts).
 */
export function yuanToFen(text: string): number | null {
  const clean = text
    .normalize('NFKC')
    .replace(/[,\s，]/g, '')
    .replace(/^¥|元$/g, '');
  const m = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(clean);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
