/**
 * The world the authorization matrix acts on (server/testing/authz-harness.ts runs the rows): the
 * union tree with a record at each position of the target, the accounts placed there, and the
 * builders the rows use for records of their own (memberAt, fresh*At). Built once per run by
 * buildMatrixWorld(); the harness then adds the callers and their sessions. Nothing here knows
 * the roles or the rows: the harness imports this module, never the other way.
 */
import { buildAccount, grantRole } from '../features/accounts/accounts.factories';
import { buildJobRun } from '../features/jobs/jobs.factories';
import { FILES_TEST_FEATURE } from '../features/files/files.factories';
import { buildMember } from '../features/members/members.factories';
import { buildOrg, buildWorld, type BuiltOrg } from '../features/orgs/orgs.factories';
import { createTestApp, type TestApp } from './test-app';

/**
 * Positions of the target record: own (宿城区总, where the main actors hold their grant), child (a
 * street union under it), sibling (沭阳县总), parent (宿迁市总), other_province (南昌市总) and missing.
 */
export const POSITIONS = ['own', 'child', 'sibling', 'parent', 'other_province', 'missing'] as const;
export type Position = (typeof POSITIONS)[number];
export const MISSING = 999_999;

export interface World {
  root: BuiltOrg;
  orgs: Record<Exclude<Position, 'missing'>, BuiltOrg>;
  moveDestination: BuiltOrg;
  accounts: Record<Exclude<Position, 'missing'>, number>;
  /** The holds_above account the non-destructive account rows act on. */
  aboveAccount: number;
  /** An account that never acts: the audit entries placed at the positions carry its id, so a filter finds exactly them. */
  auditProbeAccount: number;
  auditProbes: Record<Exclude<Position, 'missing'>, number>;
  /** A queued system job run placed at each position (the jobs list's probes). */
  jobRuns: Record<Exclude<Position, 'missing'>, number>;
  matrixRoleId: number;
  hotlineRoleId: number;
  loginTarget: string;
}

let t: TestApp;
/** The matrix's app, for rows that build records through a feature's factories. */
export const matrixApp = (): TestApp => t;
/** Filled by buildMatrixWorld() before any row is built. */
export const world = {} as World;

let counter = 0;
/** A number not used before in this run. */
export const next = () => ++counter;
/** A distinct client address, so per-IP limits on one-time codes never decide a cell. */
export const nextIp = () => {
  const n = next();
  return `10.77.${Math.floor(n / 250)}.${(n % 250) + 1}`;
};
export const nextPhone = () => `139${String(next()).padStart(8, '0')}`;

/** A region within each position's org: a new org lies within its parent's region. */
export const REGION_AT: Record<Position, string> = {
  own: '321302',
  child: '321302',
  sibling: '321322',
  parent: '321302',
  other_province: '360102',
  missing: '321302',
};
export const orgAt = (pos: Position) => (pos === 'missing' ? MISSING : world.orgs[pos].id);
export const accountAt = (pos: Position) => (pos === 'missing' ? MISSING : world.accounts[pos]);
const members = new Map<Position, Promise<number>>();
/** The members memberAt has built, by position (a list row's records). */
export const placedMembers: Partial<Record<Exclude<Position, 'missing'>, number>> = {};
/** A member of the org at `pos`, built on first use and then reused (MISSING for 'missing'). */
export function memberAt(pos: Position): Promise<number> {
  if (pos === 'missing') return Promise.resolve(MISSING);
  if (!members.has(pos))
    members.set(
      pos,
      buildMember(t, world.orgs[pos].id).then((m) => (placedMembers[pos] = m.id)),
    );
  return members.get(pos)!;
}

/** A new org directly under the org at `pos`: it lies in the actor's scope exactly when that org does. */
export async function freshOrgAt(pos: Position, status: 'active' | 'inactive' = 'active'): Promise<number> {
  if (pos === 'missing') return MISSING;
  return (await buildOrg(t, { parent: world.orgs[pos], status })).id;
}

/** A new account owned by the org at `pos`, holding viewer there; returns its id and grant id. */
export async function freshAccountAt(pos: Position): Promise<{ id: number; grantId: number }> {
  if (pos === 'missing') return { id: MISSING, grantId: MISSING };
  const { id } = await buildAccount(t, { org: world.orgs[pos], role: 'viewer' });
  const grant = await t.db.selectFrom('grants').select('id').where('account_id', '=', id).executeTakeFirstOrThrow();
  return { id, grantId: grant.id };
}

/** A new queued job run placed at the org at `pos`, started by the system (seen by audit.read holders there). */
export async function freshJobRunAt(pos: Position): Promise<number> {
  if (pos === 'missing') return MISSING;
  return buildJobRun(t, { orgId: world.orgs[pos].id });
}

/** Gives an account a TOTP factor in force (the reset-totp route needs one to reset). */
export async function withTotp<T extends { id: number }>(account: Promise<T>): Promise<T> {
  const a = await account;
  if (a.id !== MISSING)
    await t.db
      .updateTable('accounts')
      .set({ totp_enabled: true, totp_secret_enc: t.cipher.encrypt('JBSWY3DPEHPK3PXP') })
      .where('id', '=', a.id)
      .execute();
  return a;
}

/** A new holds_above account: owned by the child org, viewer there, and org_admin on the parent. */
export async function freshAccountAbove(): Promise<{ id: number; grantId: number }> {
  const account = await freshAccountAt('child');
  await grantRole(t, account.id, world.orgs.parent, 'org_admin');
  return account;
}

/** Asks for a sign-in code for a new phone from a new address; demo mode answers with the code. */
export async function requestOtp(): Promise<{ phone: string; code: string }> {
  const phone = nextPhone();
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/otp',
    payload: { phone, purpose: 'login' },
    remoteAddress: nextIp(),
  });
  return { phone, code: res.json().dev_code };
}

/** Starts the app and builds the world: the tree, the target accounts, the placed records (the callers are the harness's). */
export async function buildMatrixWorld(): Promise<void> {
  // The records the rows build are kept by position in module state here and in each *.authz.ts: a
  // second world in the same module graph (a second file, with the integration projects' shared
  // modules) would meet the first world's ids. ADR 0020.
  if (t) throw new Error('the matrix world is built once per module graph: one test file imports it');
  // The tests' file kinds (records are orgs): product code declares none of its own yet.
  t = await createTestApp({}, { features: [FILES_TEST_FEATURE] });
  const db = t.db;
  const { root, suqian, sucheng, street, jiangxi } = await buildWorld(t);
  const shuyang = await buildOrg(t, {
    parent: suqian,
    name: '沭阳县总工会',
    type: 'county_federation',
    region_code: '321322',
  });
  const nanchang = await buildOrg(t, {
    parent: jiangxi,
    name: '南昌市总工会',
    type: 'city_federation',
    region_code: '360100',
  });
  const orgs = { own: sucheng, child: street, sibling: shuyang, parent: suqian, other_province: nanchang };
  const moveDestination = await buildOrg(t, {
    parent: sucheng,
    name: '宿城区新业态工会联合会',
    type: 'joint_union',
    region_code: '321302',
  });

  const accounts = {} as Record<Exclude<Position, 'missing'>, number>;
  for (const [pos, org] of Object.entries(orgs) as Array<[Exclude<Position, 'missing'>, BuiltOrg]>) {
    accounts[pos] = (await buildAccount(t, { org, role: 'viewer', username: `target_${pos}` })).id;
  }
  const aboveAccount = (await buildAccount(t, { org: street, role: 'viewer', username: 'target_holds_above' })).id;
  await grantRole(t, aboveAccount, suqian, 'org_admin');
  const auditProbeAccount = (await buildAccount(t, { org: root, role: 'viewer', username: 'm_audit_probe' })).id;
  const auditProbes = {} as Record<Exclude<Position, 'missing'>, number>;
  for (const [pos, org] of Object.entries(orgs) as Array<[Exclude<Position, 'missing'>, BuiltOrg]>) {
    auditProbes[pos] = Number(
      (
        await db
          .insertInto('audit_log')
          .values({
            account_id: auditProbeAccount,
            actor_label: '矩阵探针',
            action: 'org.updated',
            entity_type: 'org',
            entity_id: String(org.id),
            org_path: org.path,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  }
  const jobRuns = {} as Record<Exclude<Position, 'missing'>, number>;
  for (const [pos, org] of Object.entries(orgs) as Array<[Exclude<Position, 'missing'>, BuiltOrg]>)
    jobRuns[pos] = await buildJobRun(t, { orgId: org.id });
  const loginTarget = (await buildAccount(t, { org: street, role: 'viewer', username: 'login_target' })).username;
  const matrixRole = await db
    .insertInto('roles')
    .values({ code: 'matrix_role', name: '矩阵角色', name_en: 'Matrix role', permissions: ['orgs.read'] })
    .returning('id')
    .executeTakeFirstOrThrow();
  const hotline = await db
    .selectFrom('roles')
    .select('id')
    .where('code', '=', 'hotline_agent')
    .executeTakeFirstOrThrow();
  Object.assign(world, {
    root,
    orgs,
    moveDestination,
    accounts,
    aboveAccount,
    auditProbeAccount,
    auditProbes,
    jobRuns,
    matrixRoleId: matrixRole.id,
    hotlineRoleId: hotline.id,
    loginTarget,
  } satisfies World);
}

export const closeMatrixWorld = () => t?.close();
