/**
 * Member numbers (会员编号): 12 digits, stable, unique in the deployment and never reused — the
 * province digits of the root org's region, a 9-digit sequence
 * value and a Luhn check digit, so a mistyped number is caught before a lookup.
 */
export function formatMemberNo(rootRegion: string, seq: number): string {
  const body = `${rootRegion.slice(0, 2)}${String(seq).padStart(9, '0')}`;
  return body + luhnDigit(body);
}

/** Whether a typed member number carries its right check digit. */
export function isValidMemberNo(text: string): boolean {
  return /^\d{12}$/.test(text) && luhnDigit(text.slice(0, 11)) === text[11];
}

function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}
