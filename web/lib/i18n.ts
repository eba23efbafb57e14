import { useSyncExternalStore } from 'react';
import { MESSAGES, type MessageKey } from './messages';

export type Lang = 'zh' | 'en';

const STORAGE_KEY = 'gonghui.lang';
const listeners = new Set<() => void>();

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

let current: Lang = readStoredLang();

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The message for `key` in the current language; `{name}` placeholders take `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = MESSAGES[key][current === 'zh' ? 0 : 1];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Picks the current language from a `{ zh, en }` label such as ORG_TYPE_LABELS. */
export function pickLabel(label: { zh: string; en: string }): string {
  return label[current];
}

/** Re-renders the caller when the language changes; the shells call it at their root. */
export function useLang(): [Lang, (lang: Lang) => void] {
  const lang = useSyncExternalStore(subscribe, getLang);
  return [lang, setLang];
}
