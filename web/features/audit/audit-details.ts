import { ORG_TYPE_LABELS } from '../../../common/org-types';
import type { Lang } from '../../lib/i18n';

type Label = { zh: string; en: string };

/**
 * Labels of the keys the server writes into `details` (see the recordAudit calls in
 * server/features/*), and of the org fields an edit lists under `changes`. A key missing
 * here is shown as it is: a new detail is never hidden, only unlabelled.
 */
const KEY_LABELS: Record<string, Label> = {
  from_parent_id: { zh: '原上级', en: 'Previous parent' },
  to_parent_id: { zh: '新上级', en: 'New parent' },
  parent_id: { zh: '上级组织', en: 'Parent' },
  from_path: { zh: '原位置', en: 'Previous place' },
  changes: { zh: '修改内容', en: 'Changes' },
  reason: { zh: '原因', en: 'Reason' },
  factor: { zh: '验证因素', en: 'Factor' },
  restriction: { zh: '限制', en: 'Restriction' },
  name: { zh: '名称', en: 'Name' },
  name_en: { zh: '英文名称', en: 'English name' },
  short_name: { zh: '简称', en: 'Short name' },
  type: { zh: '类型', en: 'Type' },
  region_code: { zh: '行政区划代码', en: 'Region code' },
  descendants_region: { zh: '随之改码的下级组织', en: 'Descendants recoded with it' },
  uscc: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  address: { zh: '地址', en: 'Address' },
  lat: { zh: '纬度', en: 'Latitude' },
  lng: { zh: '经度', en: 'Longitude' },
  founded_on: { zh: '成立日期', en: 'Founded on' },
  contact_name: { zh: '联系人', en: 'Contact' },
  contact_phone: { zh: '联系电话', en: 'Contact phone' },
  status: { zh: '状态', en: 'Status' },
  username: { zh: '用户名', en: 'Username' },
  display_name: { zh: '姓名', en: 'Name' },
  grant_id: { zh: '授权编号', en: 'Grant no.' },
  org_id: { zh: '授权组织', en: 'Org' },
  role: { zh: '角色', en: 'Role' },
  account_org_path: { zh: '账号所在位置', en: 'Account’s place' },
  code: { zh: '代码', en: 'Code' },
  permissions: { zh: '权限', en: 'Permissions' },
  before: { zh: '修改前', en: 'Before' },
  after: { zh: '修改后', en: 'After' },
};

/** Coded values worth a word: the key's value → its label. */
const VALUE_LABELS: Record<string, Record<string, Label>> = {
  factor: { totp: { zh: '动态口令', en: 'One-time password (TOTP)' }, password: { zh: '密码', en: 'Password' } },
  restriction: {
    password_change: { zh: '须先修改密码', en: 'Must change the password first' },
    totp_enrollment: { zh: '须先绑定动态口令', en: 'Must set up TOTP first' },
  },
  status: {
    active: { zh: '正常', en: 'Active' },
    inactive: { zh: '已撤销', en: 'Inactive' },
    disabled: { zh: '已停用', en: 'Disabled' },
  },
  type: ORG_TYPE_LABELS,
};

const WORDS = {
  empty: { zh: '（空）', en: '(empty)' },
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
  changedUnrecorded: { zh: '已修改（内容不记入日志）', en: 'changed (not recorded)' },
} satisfies Record<string, Label>;

const ORG_ID_KEYS = new Set(['parent_id', 'from_parent_id', 'to_parent_id', 'org_id']);
const ORG_PATH_KEYS = new Set(['from_path', 'account_org_path']);

/** What the page knows to name records by: the entry's `org_names` and the role catalogue. */
export interface NameBook {
  lang: Lang;
  /** Org id → name, as far as the server named them (orgs in the viewer's scope). */
  orgNames?: Record<string, string>;
  /** Role code → name. */
  roleNames?: Record<string, Label>;
}

export interface DetailLine {
  key: string;
  label: string;
  text: string;
  /** For `changes`: one line per edited field, "原值 → 新值". */
  items?: DetailLine[];
}

export function labelOfKey(key: string, lang: Lang): string {
  return KEY_LABELS[key]?.[lang] ?? key;
}

/** What the server writes for an org outside the viewer's scope, in place of its id. */
const HIDDEN = '…';

function orgRef(id: unknown, book: NameBook): string {
  if (id === HIDDEN) return HIDDEN;
  const name = book.orgNames?.[String(id)];
  return name ? `${name} #${String(id)}` : `#${String(id)}`;
}

/**
 * A path of org ids from the top: what lies above the viewer's scope (unnamed, or already "…" from
 * the server) becomes one "…".
 */
function formatOrgPath(path: string, book: NameBook): string {
  const ids = path.split('.');
  const ref = (id: string) => (id === HIDDEN ? HIDDEN : (book.orgNames?.[id] ?? `#${id}`));
  const first = ids.findIndex((id) => book.orgNames?.[id]);
  const parts = first < 0 ? ids.map(ref) : [...(first > 0 ? [HIDDEN] : []), ...ids.slice(first).map(ref)];
  return parts.filter((p, i) => p !== HIDDEN || parts[i - 1] !== HIDDEN).join(' › ');
}

/** One value, in words: names for org ids and role codes, labels for codes, "（空）" for nothing. */
function formatValue(key: string, value: unknown, book: NameBook): string {
  const { lang } = book;
  if (value === null || value === undefined || value === '') return WORDS.empty[lang];
  if (typeof value === 'boolean') return (value ? WORDS.yes : WORDS.no)[lang];
  if (Array.isArray(value))
    return value.length
      ? value.map((v) => formatValue(key, v, book)).join(lang === 'zh' ? '、' : ', ')
      : WORDS.empty[lang];
  // Personal fields (names, addresses, contact details) are audited as "changed" without their values.
  if (typeof value === 'object' && (value as { changed?: unknown }).changed === true)
    return WORDS.changedUnrecorded[lang];
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  if (ORG_ID_KEYS.has(key)) return orgRef(text, book);
  if (ORG_PATH_KEYS.has(key)) return formatOrgPath(text, book);
  if (key === 'role') return book.roleNames?.[text]?.[lang] ?? text;
  return VALUE_LABELS[key]?.[text]?.[lang] ?? text;
}

function describeChanges(changes: object, book: NameBook): DetailLine[] {
  return Object.entries(changes).map(([field, change]: [string, unknown]) => {
    const c = (typeof change === 'object' && change !== null ? change : {}) as {
      from?: unknown;
      to?: unknown;
      changed?: unknown;
    };
    // Personal fields (contact details) are audited as "changed" without their values.
    const text =
      'from' in c || 'to' in c
        ? `${formatValue(field, c.from, book)} → ${formatValue(field, c.to, book)}`
        : c.changed === true
          ? WORDS.changedUnrecorded[book.lang]
          : formatValue(field, change, book);
    return { key: field, label: labelOfKey(field, book.lang), text };
  });
}

/** An entry's details as labelled lines in the reader's language, in the order the server wrote them. */
export function describeDetails(details: unknown, book: NameBook): DetailLine[] {
  if (details === null || details === undefined) return [];
  if (typeof details !== 'object' || Array.isArray(details))
    return [{ key: '', label: '', text: formatValue('', details, book) }];
  return Object.entries(details).map(([key, value]: [string, unknown]) => {
    const label = labelOfKey(key, book.lang);
    if (key === 'changes' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const items = describeChanges(value, book);
      return { key, label, text: items.map((i) => `${i.label}: ${i.text}`).join('; '), items };
    }
    return { key, label, text: formatValue(key, value, book) };
  });
}
