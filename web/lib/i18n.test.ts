import { describe, expect, it } from 'vitest';
import { defineMessages, getLang } from './i18n';

const t = defineMessages({
  'demo.hello': ['你好，{name}', 'Hello, {name}'],
  'demo.count': ['共 {n} 条，{n} 条新', '{n} in all, {n} new'],
});

describe('defineMessages', () => {
  it('answers in Chinese by default, with every placeholder filled', () => {
    expect(getLang()).toBe('zh');
    expect(t('demo.hello', { name: '王芳' })).toBe('你好，王芳');
    expect(t('demo.count', { n: 3 })).toBe('共 3 条，3 条新');
  });

  it('leaves a placeholder without a value as written, so the gap shows', () => {
    expect(t('demo.hello')).toBe('你好，{name}');
    expect(t('demo.hello', { other: 'x' })).toBe('你好，{name}');
  });

  it("knows only its own catalogue's keys at compile time", () => {
    // @ts-expect-error: 'accounts.create' belongs to another catalogue
    expect(() => t('accounts.create')).toThrow();
  });
});
