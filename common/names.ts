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

/**
 * Characters that show nothing: zero-width spaces and joiners (U+200B–U+200D, U+2060), the BOM
 * (U+FEFF), bidi controls (U+202A–U+202E, U+2066–U+2069) and the other Default_Ignorable code
 * points (fillers, soft hyphen, variation selectors), and control characters other than spaces.
 */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}|(?![\t\n\v\f\r])\p{Cc}/gu;

/**
 * The one form of an org name, stored and compared (so the sibling-name rule sees what a reader
 * sees): NFKC (full-width Latin and digits become ASCII), without invisible characters, spaces
 * collapsed, none between two Han characters (Chinese has no word spaces), trimmed; parentheses
 * full-width as official Chinese names write them. An empty result means nothing visible was typed.
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .trim();
}

/**
 * A search as names are stored (normaliseName: full-width ｈｅｎｇｄａ is hengda, 幸福 街道 is
 * 幸福街道), lower-case; undefined when nothing visible is left.
 */
export function normaliseSearch(q: string | undefined): string | undefined {
  return (q === undefined ? '' : normaliseName(q).toLowerCase()) || undefined;
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

/** Common surnames, for demo and benchmark names that search like real ones (pinyin, initials, prefixes). */
export const COMMON_SURNAMES: readonly string[] = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈',
];
/** Common given names, for the same. */
export const COMMON_GIVEN_NAMES: readonly string[] = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
  '建国',
  '海燕',
  '志强',
  '晓东',
  '春梅',
  '国庆',
  '红霞',
  '文博',
  '子涵',
];
