export const FILTER_KEYS = ['action', 'entity_type', 'entity_id', 'account_id', 'from', 'to'] as const;
/** The filters as an audit link carries them: text (web/features/audit/api.ts's AuditQuery accepts it). */
export type AuditFilters = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

/** A calendar date that exists ("2025-02-30" does not), as the API's `format: 'date'` wants. */
function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

// The API's limits (AuditListQuery in common/api/audit.ts): a value past them would be a 422.
const ACCEPTS: Record<(typeof FILTER_KEYS)[number], (value: string) => boolean> = {
  action: (v) => v.length <= 60,
  entity_type: (v) => v.length <= 40,
  entity_id: (v) => v.length <= 40,
  account_id: (v) => /^[1-9]\d{0,9}$/.test(v) && Number(v) <= 2_147_483_647,
  from: isDate,
  to: isDate,
};

/**
 * The filters of an audit link. A value the API would refuse (a mistyped date, an id that is
 * not a number) is left out, so a bad link shows the log unfiltered by it, not an error.
 */
export function readFilters(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value && ACCEPTS[key](value)) filters[key] = value;
  }
  return filters;
}
