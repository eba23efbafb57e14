import { describe, expect, it } from 'vitest';
import { normaliseName } from './names';

describe('normaliseName', () => {
  it('takes out what a reader cannot see, so names that look alike are alike', () => {
    const name = '宿城区快递行业联合会';
    for (const lookalike of [
      '宿城区快递行业联合会\u200b',
      '\ufeff宿城区快递\u200d行业联合会',
      '宿城区\u202e快递行业\u202c联合会',
      '宿城区\u2066快递行业\u2069联合会\u2060',
      '  宿城区快递行业联合会\u3000',
      '宿城区 快递\t行业  联合会',
      '宿城区快递行业联合会\u0007',
    ])
      expect(normaliseName(lookalike), JSON.stringify(lookalike)).toBe(name);
  });

  it('folds full-width Latin and digits to ASCII, keeps spaces between Latin words, and full-width parentheses', () => {
    expect(normaliseName('ＡＢＣ物流１号站工会')).toBe('ABC物流1号站工会');
    expect(normaliseName('Acme   China 工会')).toBe('Acme China 工会');
    expect(normaliseName('艾克米(中国)有限公司工会')).toBe('艾克米（中国）有限公司工会');
    expect(normaliseName('艾克米（中国）有限公司工会')).toBe('艾克米（中国）有限公司工会');
  });

  it('leaves nothing of a name of invisible characters only', () => {
    for (const invisible of ['\u200b', '\u200b\u2060 \ufeff', '\u202a\u202e', ' \u3000 ', '\u3164'])
      expect(normaliseName(invisible), JSON.stringify(invisible)).toBe('');
  });
});
