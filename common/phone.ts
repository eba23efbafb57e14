/** Mainland mobile numbers: trims spaces and dashes, full-width digits and a +86 prefix; null unless valid. */
export function normaliseMobile(raw: string): string | null {
  const digits = raw
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s-]/g, '')
    .replace(/^(\+?86)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}
