import { describe, expect, it } from 'vitest';
import { formatDays, formatRate, rateFraction, settingsOrigin } from './figures-model';

describe('formatRate', () => {
  it('shows a percentage with at most one decimal, without float noise', () => {
    expect(formatRate(0.875)).toBe('87.5%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(0.1429)).toBe('14.3%');
    expect(formatRate(0.07)).toBe('7%');
  });
  it('shows a dash when nothing was counted', () => {
    expect(formatRate(null)).toBe('—');
  });
});

describe('formatDays', () => {
  it('rounds to one decimal, a dash when no case was closed', () => {
    expect(formatDays(3.26)).toBe('3.3');
    expect(formatDays(4)).toBe('4.0');
    expect(formatDays(null)).toBe('—');
  });
});

describe('rateFraction', () => {
  it('is numerator over denominator of the named rate', () => {
    const r = { numerator: 3, denominator: 4, rate: 0.75 };
    const z = { numerator: 0, denominator: 0, rate: null };
    expect(rateFraction({ response: r, resolution: z, satisfaction: z }, 'response')).toBe('3 / 4');
    expect(rateFraction({ response: r, resolution: z, satisfaction: z }, 'resolution')).toBe('0 / 0');
  });
});

describe('settingsOrigin', () => {
  it('tells own, inherited from an ancestor, and the platform defaults apart', () => {
    expect(settingsOrigin({ inherited: false, from_org: { id: 5, name: '宿城区总工会' } })).toEqual({ kind: 'own' });
    expect(settingsOrigin({ inherited: true, from_org: { id: 5, name: '宿城区总工会' } })).toEqual({
      kind: 'inherited',
      from: '宿城区总工会',
    });
    expect(settingsOrigin({ inherited: true, from_org: null })).toEqual({ kind: 'defaults' });
  });
});
