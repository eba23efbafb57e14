/** NUL (PostgreSQL text refuses it) or a lone UTF-16 surrogate (UTF-8 cannot encode it). */
const BAD_TEXT = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a string holds a character no text column can store. */
export function hasBadText(s: string): boolean {
  return BAD_TEXT.test(s);
}
