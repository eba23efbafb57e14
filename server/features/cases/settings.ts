import {
  CASE_KINDS,
  DEFAULT_CASE_SETTINGS,
  STATUS_LABELS,
  type CaseKind,
  type CaseSettings,
} from '../../../common/cases';
import type { Ctx } from '../../http/context';
import * as q from './sql';

/**
 * The deadline settings that apply at the org at `path`: the nearest ancestor-or-self row of
 * case_settings, each kind missing from its limits taken from the defaults (DESIGN.md §4.4).
 */
export async function settingsAt(
  ctx: Pick<Ctx, 'db'>,
  path: string,
): Promise<CaseSettings & { org_id: number | null }> {
  const [row] = await q.findSettingsChain(ctx.db, path);
  if (!row) return { ...DEFAULT_CASE_SETTINGS, org_id: null };
  const limits = { ...DEFAULT_CASE_SETTINGS.limits };
  for (const kind of CASE_KINDS) {
    const n = (row.limits as Partial<Record<CaseKind, unknown>>)[kind];
    if (Number.isInteger(n) && (n as number) >= 1) limits[kind] = n as number;
  }
  return { sign_days: row.sign_days, limits, show_cadre_names: row.show_cadre_names, org_id: row.org_id };
}

/** Status code → label as the org at `path` names it (its nearest ancestor's relabelling, else the platform's). */
export async function statusLabelsAt(ctx: Pick<Ctx, 'db'>, path: string): Promise<Map<string, string>> {
  const rows = await q.findStatusLabels(ctx.db, path);
  const labels = new Map<string, string>(Object.entries(STATUS_LABELS));
  // Rows come shallowest first, so a deeper org's label overwrites its ancestors'.
  for (const row of rows) labels.set(row.code, row.label_zh);
  return labels;
}
