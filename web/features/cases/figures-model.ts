import type { CaseRates, CaseSettingsView } from './api';

/** One rate as the cadre reads it: “87.5%”, or “—” when nothing was counted (denominator 0). */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  // The server rounds to four decimals: a percentage with at most one decimal, no float noise.
  const tenths = Math.round(rate * 1000);
  return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)}%`;
}

/** Working days with one decimal, “—” when no case was closed. */
export function formatDays(days: number | null): string {
  return days === null ? '—' : (Math.round(days * 10) / 10).toFixed(1);
}

export type RateKey = 'response' | 'resolution' | 'satisfaction';
export const RATE_KEYS: readonly RateKey[] = ['response', 'resolution', 'satisfaction'];

/** The “numerator / denominator” beside a rate. */
export function rateFraction(figures: Pick<CaseRates, RateKey>, key: RateKey): string {
  return `${figures[key].numerator} / ${figures[key].denominator}`;
}

/**
 * Where an org's settings come from (the server keeps them as one row: an org that saves any value
 * holds all of them): its own, an ancestor's, or the platform's defaults.
 */
export type SettingsOrigin = { kind: 'own' } | { kind: 'inherited'; from: string } | { kind: 'defaults' };

export function settingsOrigin(view: Pick<CaseSettingsView, 'inherited' | 'from_org'>): SettingsOrigin {
  if (!view.inherited) return { kind: 'own' };
  return view.from_org ? { kind: 'inherited', from: view.from_org.name } : { kind: 'defaults' };
}
