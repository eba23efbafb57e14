/**
 * GB/T 2260 administrative divisions (province, prefecture, county), from the vendored
 * `gbt2260.json` (see docs/decisions/0006-region-data.md). Pure: the index is built once at load.
 *
 * Parent rule: a county-level code XXYYZZ hangs under XXYY00 when that row exists, otherwise
 * directly under the province XX0000 (municipality districts such as 110105, and county-level
 * units directly under a province such as 429004 仙桃市 or 659012 白杨市).
 */
import data from './gbt2260.json' with { type: 'json' };

/** One administrative division. */
export interface Region {
  code: string;
  name: string;
  /** 1 province-level, 2 prefecture-level, 3 county-level. */
  level: 1 | 2 | 3;
  parent_code: string | null;
  /** Names from the province down, e.g. "江苏省宿迁市宿城区". */
  full_name: string;
}

/** A region as listed under its parent, telling whether it has children of its own. */
export type RegionListItem = Region & { has_children: boolean };

const CODE_RE = /^[1-9]\d{5}$/;

/** Level of a 6-digit code from its shape. */
function levelOf(code: string): 1 | 2 | 3 {
  if (code.endsWith('0000')) return 1;
  if (code.endsWith('00')) return 2;
  return 3;
}

const names = data as Record<string, string>;
const byCode = new Map<string, Region>();
const childrenOf = new Map<string | null, Region[]>();

for (const code of Object.keys(names).sort()) {
  const level = levelOf(code);
  let parent_code: string | null = null;
  if (level === 2) parent_code = `${code.slice(0, 2)}0000`;
  if (level === 3) {
    const city = `${code.slice(0, 4)}00`;
    parent_code = city in names ? city : `${code.slice(0, 2)}0000`;
  }
  const name = names[code] as string;
  const parent = parent_code === null ? undefined : byCode.get(parent_code);
  if (parent_code !== null && !parent) throw new Error(`gbt2260.json: ${code} has no parent ${parent_code}`);
  const region: Region = { code, name, level, parent_code, full_name: parent ? parent.full_name + name : name };
  byCode.set(code, region);
  const siblings = childrenOf.get(parent_code);
  if (siblings) siblings.push(region);
  else childrenOf.set(parent_code, [region]);
}

const listed = new Map<string | null, readonly RegionListItem[]>();
for (const [parent, regions] of childrenOf) {
  listed.set(parent, Object.freeze(regions.map((r) => Object.freeze({ ...r, has_children: childrenOf.has(r.code) }))));
}
for (const r of byCode.values()) Object.freeze(r);

/** The region with this 6-digit code, or undefined when it is not a current GB/T 2260 code. */
export function findRegion(code: string): Region | undefined {
  return byCode.get(code);
}

/** The direct children of a region sorted by code (null → province-level regions); [] when none or unknown. */
export function listRegions(parentCode: string | null): RegionListItem[] {
  return [...(listed.get(parentCode) ?? [])];
}

/** Whether the string is a current 6-digit GB/T 2260 code in the vendored data. */
export function isRegionCode(code: string): boolean {
  return typeof code === 'string' && CODE_RE.test(code) && byCode.has(code);
}

/** The chain from the province down to this region (inclusive); [] for an unknown code. */
export function regionPath(code: string): Region[] {
  const path: Region[] = [];
  for (let r = byCode.get(code); r; r = r.parent_code === null ? undefined : byCode.get(r.parent_code)) path.unshift(r);
  return path;
}

/**
 * Whether `code` is `ancestorCode` itself or lies below it (province XX0000 → XX…, prefecture
 * XXYY00 → XXYY…, county → only itself), by the parent rule above; false when either is unknown.
 */
export function isWithinRegion(code: string, ancestorCode: string): boolean {
  if (!byCode.has(ancestorCode)) return false;
  return regionPath(code).some((r) => r.code === ancestorCode);
}

/** Number of regions in the vendored data. */
export const REGION_COUNT = byCode.size;
