import { AppError, type FieldErrors } from '../../../common/errors';
import {
  canHaveChildType,
  EMPLOYER_ORG_TYPES,
  ORG_TYPE_LABELS,
  TERRITORIAL_ORG_TYPES,
  type OrgFields,
  type OrgType,
} from '../../../common/org-types';
import { isWithinPath } from '../../../common/tree-path';
import { isValidUscc } from '../../../common/uscc';
import type { Db } from '../../db/database';
import type { AccountActor } from '../../http/actor';
import { requireAccount, type Ctx, withTransaction } from '../../http/context';
import { decodeCursor, toPage } from '../../http/pagination';
import { inScope, scopeFor } from '../../http/scope';
import { PERSONAL_FIELDS, recordAudit } from '../audit/record';
import { findRegion, isRegionCode, isWithinRegion } from '../regions/regions';
import { normaliseName, normaliseSearch } from '../../../common/names';
import { canManageOrg, canManageParentOf, isRootOrg } from './policy';
import * as q from './sql';

type OrgRow = NonNullable<Awaited<ReturnType<typeof q.findOrgInScope>>>;
type ListRow = Awaited<ReturnType<typeof q.findOrgs>>[number];

function presentListItem(row: ListRow | OrgRow) {
  return {
    id: row.id,
    parent_id: row.parent_id,
    name: row.name,
    short_name: row.short_name,
    type: row.type,
    region_code: row.region_code,
    region_name: findRegion(row.region_code)?.name ?? null,
    level: row.level,
    status: row.status,
    child_count: Number(row.child_count ?? 0),
    path: row.path,
  };
}

/** Checks what a schema cannot: real region codes, USCC check characters, dates, coordinates. */
function checkFields(input: Partial<OrgFields>): void {
  const fields: FieldErrors = {};
  if (input.name !== undefined && input.name === '') fields.name = '不能为空（空格和不可见字符不算）';
  if (input.region_code !== undefined && !isRegionCode(input.region_code))
    fields.region_code = '不是有效的行政区划代码（GB/T 2260）';
  if (input.uscc && !isValidUscc(input.uscc)) fields.uscc = '统一社会信用代码不正确（校验位不符）';
  if (input.uscc && input.type && !EMPLOYER_ORG_TYPES.includes(input.type))
    fields.uscc = '只有企业、机关事业单位和联合工会填写统一社会信用代码';
  if (
    input.founded_on &&
    (Number.isNaN(Date.parse(input.founded_on)) || input.founded_on > new Date().toISOString().slice(0, 10))
  )
    fields.founded_on = '日期不正确或晚于今天';
  if ((input.lat == null) !== (input.lng == null)) fields[input.lat == null ? 'lat' : 'lng'] = '经纬度须同时填写';
  if (Object.keys(fields).length > 0) throw new AppError('validation_failed', fields);
}

/** Where an org sits: what the placement rules look at. */
interface Placement {
  type: string;
  region_code: string;
}

const typeLabel = (type: string) => ORG_TYPE_LABELS[type as OrgType]?.zh ?? type;
const regionLabel = (code: string) => findRegion(code)?.full_name ?? code;

/** Whether an org of `parentType` may have a child of `childType` (common/org-types.ts). */
const typeFits = (parentType: string, childType: string) =>
  canHaveChildType(parentType as OrgType, childType as OrgType);

const isTerritorial = (type: string) => TERRITORIAL_ORG_TYPES.includes(type as OrgType);

/** Whether a region lies within the parent's, where the parent stands for a place (TERRITORIAL_ORG_TYPES). */
const regionFits = (parent: Placement, regionCode: string) =>
  !isTerritorial(parent.type) || isWithinRegion(regionCode, parent.region_code);

/** An org of `child`'s type and region placed (created, or edited) under `parent`: field → message. */
function placementErrors(parent: Placement, child: Placement): FieldErrors {
  const fields: FieldErrors = {};
  if (child.type === 'national_federation') fields.type = '全国总工会不能作为下级组织';
  else if (!typeFits(parent.type, child.type))
    fields.type = `${typeLabel(parent.type)}下不能建立${typeLabel(child.type)}`;
  if (!regionFits(parent, child.region_code))
    fields.region_code = `应在上级组织的行政区划（${regionLabel(parent.region_code)}）之内`;
  return fields;
}

/** Refuses (422) an org of `child`'s type and region under `parent`. */
function checkPlacement(parent: Placement, child: Placement): void {
  const fields = placementErrors(parent, child);
  if (Object.keys(fields).length > 0) throw new AppError('validation_failed', fields);
}

/**
 * Refuses (422) moving an org under a parent that cannot have it: on `parent_id`, or on
 * `region_code` when the move names a new region for it.
 */
function checkMoveTarget(parent: Placement, org: Placement, newRegion: string | undefined): void {
  if (!typeFits(parent.type, org.type)) {
    throw new AppError('validation_failed', {
      parent_id: `${typeLabel(org.type)}不能移到${typeLabel(parent.type)}之下`,
    });
  }
  if (newRegion !== undefined && !regionFits(parent, newRegion)) {
    throw new AppError('validation_failed', {
      region_code: `应在上级组织的行政区划（${regionLabel(parent.region_code)}）之内`,
    });
  }
  if (newRegion === undefined && !regionFits(parent, org.region_code)) {
    throw new AppError('validation_failed', {
      parent_id: `该组织的行政区划（${regionLabel(org.region_code)}）不在目标上级的行政区划（${regionLabel(parent.region_code)}）之内，请同时选择新的行政区划`,
    });
  }
}

/**
 * What a new type or region of a (locked) org asks of what lies below it: its children's types
 * must fit the new type; descendants on the org's old region go along to the new one (a county's
 * streets and unions share its code), any other must already lie within the new region.
 */
async function subtreeErrors(
  db: Db,
  org: { id: number; path: string; type: string; region_code: string },
  next: Placement,
): Promise<FieldErrors> {
  const fields: FieldErrors = {};
  if (next.type !== org.type) {
    const misfit = (await q.findChildTypes(db, org.id)).find((type) => !typeFits(next.type, type));
    if (misfit) fields.type = `${typeLabel(next.type)}下不能有${typeLabel(misfit)}（现有下级组织中有）`;
  }
  // A new region, or a type that now stands (or no longer stands) for a place, re-judges the subtree.
  if (next.region_code !== org.region_code || isTerritorial(next.type) !== isTerritorial(org.type)) {
    const outside = (await q.findSubtreeRegions(db, org.path, org.region_code, TERRITORIAL_ORG_TYPES)).find(
      (code) => !regionFits(next, code),
    );
    if (outside) fields.region_code = `下级组织的行政区划（${regionLabel(outside)}）不在新的行政区划之内`;
  }
  return fields;
}

/** Refuses (403) what only the manager of an org's parent may do: move it, change its status, type or region. */
function checkManagesParent(
  actor: AccountActor,
  org: { parent_id: number | null; path: string },
  what = '移动、撤销或恢复本级组织',
): void {
  if (!canManageParentOf(actor, org))
    throw new AppError('forbidden', undefined, `没有管理其上级组织的权限：不能${what}`);
}

function normalise<T extends Partial<OrgFields>>(input: T): T {
  const out = { ...input };
  if (out.name !== undefined) out.name = normaliseName(out.name);
  if (typeof out.short_name === 'string') out.short_name = normaliseName(out.short_name) || null;
  if (typeof out.uscc === 'string') out.uscc = out.uscc.trim().toUpperCase() || null;
  return out;
}

const NAME_TAKEN: FieldErrors = { name: '同一上级下已有同名组织' };

/**
 * Runs a write whose SELECT check a concurrent write may have raced: the sibling-name index
 * then refuses it, and the answer is the same conflict the check gives.
 */
async function refusingNameClash<T>(fields: FieldErrors, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (q.isSiblingNameClash(err)) throw new AppError('conflict', fields);
    throw err;
  }
}

/** Lists orgs the actor may read: a parent's children, a search, or the actor's roots. */
export async function listOrgs(
  ctx: Ctx,
  query: {
    parent_id?: number;
    q?: string;
    type?: OrgType;
    status?: 'active' | 'inactive';
    cursor?: string;
    limit?: number;
  },
) {
  const actor = requireAccount(ctx);
  const limit = query.limit ?? 50;
  const rows = await q.findOrgs(ctx.db, scopeFor(actor, 'orgs.read'), {
    parentId: query.parent_id,
    q: normaliseSearch(query.q),
    type: query.type,
    status: query.status,
    after: decodeCursor(query.cursor, ['int', 'string', 'int']),
    limit,
  });
  const page = toPage(rows, limit, (r) => [Number(r.search_rank), r.name_pinyin, r.id]);
  return { items: page.items.map(presentListItem), next_cursor: page.next_cursor };
}

/** One org with its in-scope ancestors; not_found when missing or out of scope. */
export async function getOrg(ctx: Ctx, id: number) {
  const actor = requireAccount(ctx);
  const org = await q.findOrgDetailInScope(ctx.db, scopeFor(actor, 'orgs.read'), id);
  if (!org) throw new AppError('not_found');
  return presentDetail(org, org.ancestors);
}

function presentDetail(org: OrgRow, ancestors: Array<{ id: number; name: string }>) {
  return {
    ...presentListItem(org),
    uscc: org.uscc,
    address: org.address,
    lat: org.lat,
    lng: org.lng,
    founded_on: org.founded_on,
    contact_name: org.contact_name,
    contact_phone: org.contact_phone,
    created_at: org.created_at.toISOString(),
    updated_at: org.updated_at.toISOString(),
    ancestors,
    region_full_name: findRegion(org.region_code)?.full_name ?? null,
  };
}

/** An org the actor may manage: missing or unreadable is not_found, readable only is forbidden. */
function checkManage<T extends { path: string }>(actor: AccountActor, org: T | undefined): asserts org is T {
  if (!org || !inScope(scopeFor(actor, 'orgs.read'), org.path)) throw new AppError('not_found');
  if (!canManageOrg(actor, org)) throw new AppError('forbidden');
}

/** A parent named in a request body: it exists in read scope, the actor manages it, and it is active. */
function checkParent<T extends { path: string; status: string }>(
  actor: AccountActor,
  parent: T | undefined,
): asserts parent is T {
  if (!parent || !inScope(scopeFor(actor, 'orgs.read'), parent.path))
    throw new AppError('validation_failed', { parent_id: '上级组织不存在' });
  if (!canManageOrg(actor, parent)) throw new AppError('forbidden', { parent_id: '没有在该组织下管理组织的权限' });
  if (parent.status !== 'active') throw new AppError('org_inactive', { parent_id: '上级组织已撤销' });
}

/** Loads an org the actor may manage, or fails as the read check would. */
async function loadForManage(ctx: Ctx, id: number): Promise<OrgRow> {
  const actor = requireAccount(ctx);
  const org = await q.findOrgInScope(ctx.db, scopeFor(actor, 'orgs.read'), id);
  checkManage(actor, org);
  return org;
}

/**
 * A parent named in a request body: missing, unreadable and unmanageable say the same.
 * Checked again on the locked row inside the write (it may change in between).
 */
async function loadParent(ctx: Ctx, parentId: number): Promise<OrgRow> {
  const actor = requireAccount(ctx);
  const parent = await q.findOrgInScope(ctx.db, scopeFor(actor, 'orgs.read'), parentId);
  checkParent(actor, parent);
  return parent;
}

/**
 * Writes one org under `parent` (or the root) in the caller's transaction, with no checks: the
 * one org insert, shared by createOrg, the demo seed, bootstrap and the test factories.
 */
export async function insertOrg(
  tx: Pick<Ctx, 'db'>,
  parent: { id: number; path: string; level: number } | null,
  fields: OrgFields & { status?: 'active' | 'inactive' },
) {
  return q.insertOrg(tx.db, parent, fields);
}

/** Creates an org under a parent the actor manages. */
export async function createOrg(ctx: Ctx, raw: OrgFields & { parent_id: number }) {
  const input = normalise(raw);
  checkFields(input);
  const actor = requireAccount(ctx);
  const checked = await loadParent(ctx, input.parent_id);
  const id = await refusingNameClash(NAME_TAKEN, () =>
    withTransaction(ctx, async (tx) => {
      // Lock the parent and check it again: since it was read it may have been deactivated or
      // moved. Deactivating and moving lock it too, so they wait for this insert or it for them.
      const parent = await q.lockOrg(tx.db, checked.id);
      checkParent(actor, parent);
      checkPlacement(parent, input);
      if (await q.hasSiblingNamed(tx.db, parent.id, input.name)) throw new AppError('conflict', NAME_TAKEN);
      const { parent_id, ...fields } = input;
      const org = await insertOrg(tx, parent, fields);
      await recordAudit(tx, {
        action: 'org.created',
        entityType: 'org',
        entityId: org.id,
        orgPath: org.path,
        details: { name: input.name, type: input.type, parent_id },
      });
      return org.id;
    }),
  );
  return getOrg(ctx, id);
}

/** Renames or edits an org's own fields (not its place in the tree). */
export async function updateOrg(ctx: Ctx, id: number, raw: Partial<OrgFields>) {
  const org = await loadForManage(ctx, id);
  const input = normalise(raw);
  checkFields({
    ...input,
    type: (input.type ?? org.type) as OrgType,
    uscc: input.uscc === undefined ? org.uscc : input.uscc,
    lat: 'lat' in input ? input.lat : org.lat,
    lng: 'lng' in input ? input.lng : org.lng,
  });
  const changes: Record<string, { from: unknown; to: unknown } | { changed: true }> = {};
  for (const [k, v] of Object.entries(input)) {
    const before = (org as Record<string, unknown>)[k];
    if (v !== undefined && v !== before)
      changes[k] = PERSONAL_FIELDS.has(k) ? { changed: true } : { from: before, to: v };
  }
  if (Object.keys(changes).length === 0) return getOrg(ctx, id);
  const replaces = changes.type !== undefined || changes.region_code !== undefined;
  // Its type and region are judged against the parent, so they are the parent's business, as
  // moves are; it also keeps the parent's type and region out of the answers of those who cannot read it.
  if (replaces) checkManagesParent(requireAccount(ctx), org, '修改本级组织的类型或行政区划');
  await refusingNameClash(NAME_TAKEN, () =>
    withTransaction(ctx, async (tx) => {
      if (replaces) {
        // A new type or region must still fit the parent and admit the subtree. Lock the parent,
        // then the org, then (for a new region) the subtree: the order creates and moves take.
        const parent = org.parent_id === null ? undefined : await q.lockOrg(tx.db, org.parent_id);
        const locked = await q.lockOrg(tx.db, id);
        if (!locked || locked.parent_id !== org.parent_id) throw new AppError('conflict'); // moved meanwhile
        const next = { type: input.type ?? locked.type, region_code: input.region_code ?? locked.region_code };
        const above = parent ? placementErrors(parent, next) : {};
        if (next.region_code !== locked.region_code) await q.lockSubtree(tx.db, locked.path);
        const below = await subtreeErrors(tx.db, locked, next);
        const fields: FieldErrors = {};
        const typeError = (changes.type && above.type) || below.type;
        const regionError = (changes.region_code && above.region_code) || below.region_code;
        if (typeError) fields.type = typeError;
        if (regionError) fields.region_code = regionError;
        if (Object.keys(fields).length > 0) throw new AppError('validation_failed', fields);
        if (next.region_code !== locked.region_code) {
          const moved = await q.setDescendantsRegion(tx.db, locked.path, locked.region_code, next.region_code);
          if (moved.length > 0)
            changes.descendants_region = {
              from: locked.region_code,
              to: next.region_code,
              org_ids: moved,
            } as unknown as { from: unknown; to: unknown };
        }
      }
      if (input.name && org.parent_id !== null && (await q.hasSiblingNamed(tx.db, org.parent_id, input.name, id))) {
        throw new AppError('conflict', NAME_TAKEN);
      }
      await q.updateOrgFields(tx.db, id, input);
      await recordAudit(tx, {
        action: 'org.updated',
        entityType: 'org',
        entityId: id,
        orgPath: org.path,
        details: { changes },
      });
    }),
  );
  return getOrg(ctx, id);
}

/** Moves an org and its whole subtree under a new parent; scope follows the move. */
export async function moveOrg(ctx: Ctx, id: number, input: { parent_id: number; region_code?: string }) {
  const actor = requireAccount(ctx);
  const org = await loadForManage(ctx, id);
  if (isRootOrg(org)) throw new AppError('org_is_root');
  checkManagesParent(actor, org);
  if (input.region_code !== undefined) checkFields({ region_code: input.region_code });
  const newRegion = input.region_code === org.region_code ? undefined : input.region_code;
  // Under the same parent, a new region alone is an edit.
  if (org.parent_id === input.parent_id)
    return newRegion === undefined ? getOrg(ctx, id) : updateOrg(ctx, id, { region_code: newRegion });
  const parent = await loadParent(ctx, input.parent_id);
  if (isWithinPath(parent.path, org.path))
    throw new AppError('org_cycle', { parent_id: '不能移到它自己或它的下级之下' });
  checkMoveTarget(parent, org, newRegion);
  const nameTaken: FieldErrors = { parent_id: '目标上级下已有同名组织' };
  await refusingNameClash(nameTaken, () =>
    withTransaction(ctx, async (tx) => {
      // Lock both rows (lower id first, so two moves naming the same pair lock them in the same
      // order) and check them again: a concurrent move or deactivation may have come in between.
      // Then lock the subtree, so a child created in it meanwhile is moved with it.
      const first = await q.lockOrg(tx.db, Math.min(id, parent.id));
      const second = await q.lockOrg(tx.db, Math.max(id, parent.id));
      const [locked, lockedParent] = id < parent.id ? [first, second] : [second, first];
      checkManage(actor, locked);
      checkParent(actor, lockedParent);
      if (isWithinPath(lockedParent.path, locked.path))
        throw new AppError('org_cycle', { parent_id: '不能移到它自己或它的下级之下' });
      checkManagesParent(actor, locked);
      const region = input.region_code === locked.region_code ? undefined : input.region_code;
      checkMoveTarget(lockedParent, locked, region);
      if (await q.hasSiblingNamed(tx.db, lockedParent.id, locked.name, id)) throw new AppError('conflict', nameTaken);
      await q.lockSubtree(tx.db, locked.path);
      let recoded: number[] = [];
      if (region !== undefined) {
        // A new region goes down the subtree as an edit's would (subtreeErrors).
        const below = await subtreeErrors(tx.db, locked, { type: locked.type, region_code: region });
        if (below.region_code) throw new AppError('validation_failed', { region_code: below.region_code });
        recoded = await q.setDescendantsRegion(tx.db, locked.path, locked.region_code, region);
      }
      await q.moveSubtree(tx.db, locked.path, lockedParent.path);
      await q.setOrgParent(tx.db, id, lockedParent.id, region);
      const details = {
        from_parent_id: locked.parent_id,
        to_parent_id: lockedParent.id,
        from_path: locked.path,
        ...(region === undefined
          ? {}
          : {
              changes: {
                region_code: { from: locked.region_code, to: region },
                ...(recoded.length > 0
                  ? { descendants_region: { from: locked.region_code, to: region, org_ids: recoded } }
                  : {}),
              },
            }),
      };
      await recordAudit(tx, {
        action: 'org.moved',
        entityType: 'org',
        entityId: id,
        orgPath: `${lockedParent.path}.${id}`,
        details,
      });
      // Also where it left: the old parent's auditors must see that it went (those above both see both legs).
      await recordAudit(tx, {
        action: 'org.moved_away',
        entityType: 'org',
        entityId: id,
        orgPath: locked.path,
        details,
      });
    }),
  );
  return getOrg(ctx, id);
}

/** Deactivates (撤销) an org that has no active children; the reason is audited. */
export async function deactivateOrg(ctx: Ctx, id: number, input: { reason: string }) {
  const actor = requireAccount(ctx);
  const org = await loadForManage(ctx, id);
  if (isRootOrg(org)) throw new AppError('org_is_root');
  checkManagesParent(actor, org);
  if (org.status === 'inactive') return getOrg(ctx, id);
  await withTransaction(ctx, async (tx) => {
    // Lock the org before counting: a create or move under it locks it as their parent, so
    // either they committed and are counted, or they wait and then find it inactive.
    const locked = await q.lockOrg(tx.db, id);
    checkManage(actor, locked);
    checkManagesParent(actor, locked);
    if (locked.status === 'inactive') return;
    if ((await q.countActiveChildren(tx.db, id)) > 0) throw new AppError('org_has_active_children');
    await q.setOrgStatus(tx.db, id, 'inactive');
    await recordAudit(tx, {
      action: 'org.deactivated',
      entityType: 'org',
      entityId: id,
      orgPath: locked.path,
      reason: input.reason.trim(),
    });
  });
  return getOrg(ctx, id);
}

/** Restores a deactivated org whose parent is active. */
export async function activateOrg(ctx: Ctx, id: number) {
  const org = await loadForManage(ctx, id);
  if (!isRootOrg(org)) checkManagesParent(requireAccount(ctx), org);
  if (org.status === 'active') return getOrg(ctx, id);
  // An active sibling may have taken the name meanwhile: the sibling-name index refuses it.
  await refusingNameClash(NAME_TAKEN, () =>
    withTransaction(ctx, async (tx) => {
      const parent = org.parent_id === null ? undefined : await q.lockOrg(tx.db, org.parent_id);
      if (parent && parent.status !== 'active')
        throw new AppError('org_inactive', { parent_id: '上级组织已撤销，请先恢复上级' });
      await q.setOrgStatus(tx.db, id, 'active');
      await recordAudit(tx, { action: 'org.activated', entityType: 'org', entityId: id, orgPath: org.path });
    }),
  );
  return getOrg(ctx, id);
}
