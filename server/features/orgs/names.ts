import { pinyin } from 'pinyin-pro';

/** Full pinyin and initials of a name, lower-case ASCII, for search by 拼音 and 首字母. */
export function pinyinKeys(name: string): { name_pinyin: string; name_initials: string } {
  const clean = (parts: string[]) =>
    parts
      .join('')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  return {
    name_pinyin: clean(pinyin(name, { toneType: 'none', type: 'array', v: true })),
    name_initials: clean(pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' })),
  };
}

/** Escapes LIKE wildcards in user input. */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The pinyin / initials form of a search typed in latin letters ("xing fu", "Xing'Fu", "xfjd"):
 * lower-case, without spaces and apostrophes; null when the query is not latin letters and digits.
 */
export function latinSearchKey(q: string): string | null {
  const key = q.toLowerCase().replace(/[\s']+/g, '');
  return /^[a-z0-9]+$/.test(key) ? key : null;
}
