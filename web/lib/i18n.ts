import { useSyncExternalStore } from 'react';

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

/** A catalogue of the UI's words: zh-CN first, English second; `{name}` marks a placeholder. */
export type Messages = Readonly<Record<string, readonly [zh: string, en: string]>>;

export type MessageParams = Record<string, string | number>;

/** Looks a key of one catalogue up in the current language. */
export type Translate<K extends string> = (key: K, params?: MessageParams) => string;

/** The keys a translator knows, e.g. for a table of labels to be translated later. */
export type MessageKeyOf<T> = T extends Translate<infer K> ? K : never;

/**
 * The `t` of one catalogue: a key it lacks is a compile error. Each feature and each shell owns
 * its catalogue (web/features/<f>/messages.ts, web/admin/messages.ts, web/m/messages.ts), so a
 * bundle carries only the words of the code it holds: the console's never ride to the phone.
 */
export function defineMessages<const M extends Messages>(messages: M): Translate<keyof M & string> {
  return (key, params) => {
    const text = messages[key]![current === 'zh' ? 0 : 1];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
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
