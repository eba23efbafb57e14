/**
 * What a calendar is built from: the stored days (official, manual) completed with the law's computation for
 * the years no notice covers yet, and the regional days. The feature, the benchmark and the tests build theirs here.
 */
import { computeRegionalYear } from './regional';
import { computeStatutoryYear, STATUTORY_FIRST_YEAR } from './statutory';
import type { CalendarDay } from './types';

/**
 * `days` plus, through `throughYear`: the statutory national days of every year from 2025 (and from the first
 * year in `days`) that has no national
 * official entry (provisional), and the regional days of every year from the first national one.
 * Entries in `days` win over computed ones for the same date and prefix (createWorkCalendar ranks sources).
 */
export function withComputedYears(days: readonly CalendarDay[], throughYear: number): CalendarDay[] {
  const settled = new Set<number>();
  let first = throughYear;
  for (const d of days) {
    if (d.region_prefix !== '') continue;
    const year = Number(d.date.slice(0, 4));
    // Only the notice settles a year: an admin's manual day in a year without one leaves the law's days in place.
    if (d.source === 'official') settled.add(year);
    first = Math.min(first, year);
  }
  const out = [...days];
  for (let year = Math.max(first, STATUTORY_FIRST_YEAR); year <= throughYear; year++) {
    if (!settled.has(year)) out.push(...computeStatutoryYear(year));
  }
  for (let year = Math.min(first, STATUTORY_FIRST_YEAR); year <= throughYear; year++)
    out.push(...computeRegionalYear(year));
  return out;
}
