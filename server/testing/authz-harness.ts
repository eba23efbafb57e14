/**
 * The authorization matrix's machinery (the rows live beside each feature in `<feature>.authz.ts`,
 * server/authz-matrix.test.ts runs them all): every API route × every kind of caller × every
 * position of the target record in the union tree, each cell with the status a user must get
 * (DESIGN.md §4.1, §4.6).
 *
 * The main actors hold their grant on 宿城区总工会 ("own"); the national admin holds its grant on the
 * root. Positions of the target record: own (宿城区总), child (a street union under it), sibling
 * (沭阳县总, beside it under 宿迁), parent (宿迁市总), other_province (南昌市总 under 江西省总) and
 * missing (an id that does not exist). The account rows have one more position, holds_above: an
 * account owned by the child org (so an org admin of 宿城区 sees it) that also holds org_admin on the
 * parent. Managing it would hand the caller that grant (reset its password, then sign in as it), so
 * the caller can read it but every write answers 403.
 *
 * A row states the permission its route needs; the cells of the seeded roles are derived from
 * ROLE_PERMISSIONS below (see treeRow and callerRow), so a row writes out only its exceptions.
 *
 * The list rows check more than the status: of the records at each position, a list returns
 * exactly those the single read lets the caller see (DESIGN.md §4.1).
 */
import type { Permission } from '../../common/permissions';
import { buildAccount } from '../features/accounts/accounts.factories';
import { signIn } from '../features/auth/auth.factories';
import {
  buildMatrixWorld,
  closeMatrixWorld,
  matrixApp,
  MISSING,
  POSITIONS,
  requestOtp,
  world,
  type Position,
} from './authz-world';
import { listRoutes, matchesPattern } from './routes';

/**
 * The seeded roles' permissions (migration 2026-11-22T1400-foundation.sql), copied here as data on
 * purpose: the matrix derives its expectations from this table, not from the product's, so a change
 * to the product's roles changes what users get and must show up as failing cells (and in the
 * check that this table still equals the seeded one).
 */
export const ROLE_PERMISSIONS = {
  national_admin: [
    'orgs.read',
    'orgs.manage',
    'accounts.manage',
    'roles.manage',
    'members.read',
    'members.manage',
    'members.unmask',
    'members.export',
    'joins.review',
    'cases.intake',
    'cases.dispatch',
    'cases.handle',
    'cases.supervise',
    'stations.manage',
    'stations.keep',
    'programmes.manage',
    'programmes.review',
    'activities.manage',
    'duty.log',
    'stats.read',
    'audit.read',
    'calendar.manage',
  ],
  org_admin: [
    'orgs.read',
    'orgs.manage',
    'accounts.manage',
    'members.read',
    'members.manage',
    'members.unmask',
    'members.export',
    'joins.review',
    'cases.intake',
    'cases.dispatch',
    'cases.handle',
    'cases.supervise',
    'stations.manage',
    'stations.keep',
    'programmes.manage',
    'activities.manage',
    'duty.log',
    'stats.read',
    'audit.read',
  ],
  case_officer: ['orgs.read', 'members.read', 'cases.intake', 'cases.dispatch', 'cases.handle', 'stats.read'],
  hotline_agent: ['orgs.read', 'cases.intake', 'cases.dispatch'],
  station_keeper: ['orgs.read', 'stations.keep'],
  reviewer: ['orgs.read', 'programmes.review'],
  viewer: ['orgs.read', 'members.read', 'stats.read'],
} as const satisfies Record<string, readonly Permission[]>;

export type Role = keyof typeof ROLE_PERMISSIONS;
export const ROLES = Object.keys(ROLE_PERMISSIONS) as Role[];
/** Where each role's main actor holds its grant: the national admin on the root, the rest on "own". */
const GRANT_AT: Record<Role, 'root' | 'own'> = {
  national_admin: 'root',
  org_admin: 'own',
  case_officer: 'own',
  hotline_agent: 'own',
  station_keeper: 'own',
  reviewer: 'own',
  viewer: 'own',
};
/** An account for each seeded role, an org admin who must first change the password, no one, and a worker signed in by phone. */
export const CALLERS = [...ROLES, 'restricted', 'anonymous', 'member'] as const;
export type Caller = (typeof CALLERS)[number];
/** Expected statuses in POSITIONS order. */
export type Cells = readonly [
  own: number,
  child: number,
  sibling: number,
  parent: number,
  other_province: number,
  missing: number,
];

export const isRole = (caller: Caller): caller is Role => caller in ROLE_PERMISSIONS;
/** Whether the caller's role carries `permission` (per ROLE_PERMISSIONS). */
export const holds = (caller: Caller, permission: Permission): boolean =>
  isRole(caller) && (ROLE_PERMISSIONS[caller] as readonly Permission[]).includes(permission);
/** Whether the record at `pos` lies in the subtree of the caller's grant. */
const inScope = (role: Role, pos: Position): boolean =>
  pos !== 'missing' && (GRANT_AT[role] === 'root' || pos === 'own' || pos === 'child');

export interface Req {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  /** JSON, or a Buffer with its content-type in `headers` (a multipart upload). */
  payload?: object;
  headers?: Record<string, string>;
  remoteAddress?: string;
}
/** How the caller's session is got for a cell: the shared one, a new one, or a new account with the same role (for routes that change the caller). */
export type SessionKind = 'shared' | 'fresh_session' | 'fresh_account';

/** A route about a record in the tree: one expected status per caller and position. */
export interface TreeRow {
  kind: 'tree';
  route: string;
  /** The field a 422 names when the record is given in the body. */
  field?: string;
  build(cell: { pos: Position }): Promise<Req> | Req;
  expect: Record<Caller, Cells>;
  /** Account rows: the target account holds a grant above the caller (see the header). */
  holdsAbove?: { build(): Promise<Req> | Req; expect: Record<Caller, number> };
}
/** A route not about a record in the tree: one expected status per caller. */
export interface CallerRow {
  kind: 'caller';
  route: string;
  session?: SessionKind;
  build(cell: { caller: Caller; cookie: string | undefined }): Promise<Req> | Req;
  expect: Record<Caller, number>;
  /** List rows: which of the records placed at the positions the list returns must agree with the single read. */
  listed?: ListCheck;
}
export type Row = TreeRow | CallerRow;
/** Labels of the records a list check places: one per position (and holds_above for accounts). */
export type Placed = Exclude<Position, 'missing'> | 'holds_above';
export interface ListCheck {
  /** The id of the record placed at each position. */
  records(): Partial<Record<Placed, number>>;
  /** Every id the list returns to the caller, over all pages. */
  listIds(cookie: string): Promise<Set<number>>;
  /** Whether the single read shows the caller the record at `placed`. */
  readable(cell: { caller: Caller; cookie: string; placed: Placed; id: number }): Promise<boolean> | boolean;
}

/**
 * A route about a record in the tree. Cells are derived: a caller stopped before any record is
 * looked at (restricted 403, anonymous and member 401) gets that everywhere; for a seeded role,
 * `missing` is `missing`, a record in its grant's subtree is `ok` when the role holds `needs`, and
 * out of scope is as missing. Without `needs`, a record the role sees (orgs.read, in scope) answers
 * 403 when `unpermitted` is 'forbidden' and is as missing when it is 'hidden'. holds_above is the
 * child's cell, except for a holder of `needs` whose grant lies below the account's: `below`.
 * `except` replaces whole callers' cells.
 */
export function treeRow(
  route: string,
  spec: {
    needs: Permission;
    build: TreeRow['build'];
    /** Success status (default 200). */
    ok?: number;
    /** The status for a record that does not exist (default 404; 422 when it is named in the body). */
    missing?: number;
    /** The field a 422 names when the record is given in the body. */
    field?: string;
    /** What a role without `needs` gets for a record it sees (default 'forbidden'). */
    unpermitted?: 'forbidden' | 'hidden';
    holdsAbove?: { build(): Promise<Req> | Req; below: number };
    except?: Partial<Record<Caller, Cells>>;
  },
): TreeRow {
  const ok = spec.ok ?? 200;
  const missing = spec.missing ?? 404;
  const unpermitted = spec.unpermitted ?? 'forbidden';
  const cellsOf = (caller: Caller): Cells => {
    if (!isRole(caller)) return all(caller === 'restricted' ? 403 : 401);
    return POSITIONS.map((pos) => {
      if (!inScope(caller, pos)) return missing;
      if (holds(caller, spec.needs)) return ok;
      return unpermitted === 'forbidden' && holds(caller, 'orgs.read') ? 403 : missing;
    }) as unknown as Cells;
  };
  const expect = Object.fromEntries(CALLERS.map((c) => [c, spec.except?.[c] ?? cellsOf(c)])) as Record<Caller, Cells>;
  const row: TreeRow = { kind: 'tree', route, build: spec.build, expect };
  if (spec.field) row.field = spec.field;
  if (spec.holdsAbove) {
    const { build, below } = spec.holdsAbove;
    const aboveExpect = Object.fromEntries(
      CALLERS.map((c) => [
        c,
        isRole(c) && holds(c, spec.needs) && GRANT_AT[c] !== 'root' ? below : expect[c][POSITIONS.indexOf('child')]!,
      ]),
    ) as Record<Caller, number>;
    row.holdsAbove = { build, expect: aboveExpect };
  }
  return row;
}

/**
 * A route not about a record in the tree. `who` says who may call it: 'anyone' (every caller gets
 * `ok`), 'account' (every signed-in console account, restricted ones too; anonymous and member 401)
 * or 'cadre' (console accounts past the password change: restricted 403, anonymous and member 401;
 * with `needs`, a role without it gets 403). `except` replaces single callers' statuses.
 */
export function callerRow(
  route: string,
  spec: {
    who: 'anyone' | 'account' | 'cadre';
    needs?: Permission;
    build: CallerRow['build'];
    ok?: number;
    session?: SessionKind;
    listed?: ListCheck;
    except?: Partial<Record<Caller, number>>;
  },
): CallerRow {
  const ok = spec.ok ?? 200;
  const statusOf = (caller: Caller): number => {
    if (spec.who === 'anyone') return ok;
    if (caller === 'anonymous' || caller === 'member') return 401;
    if (caller === 'restricted') return spec.who === 'account' ? ok : 403;
    return !spec.needs || holds(caller, spec.needs) ? ok : 403;
  };
  const expect = Object.fromEntries(CALLERS.map((c) => [c, spec.except?.[c] ?? statusOf(c)])) as Record<Caller, number>;
  const row: CallerRow = { kind: 'caller', route, build: spec.build, expect };
  if (spec.session) row.session = spec.session;
  if (spec.listed) row.listed = spec.listed;
  return row;
}

/** The same answer at every position. */
export const all = (status: number): Cells => [status, status, status, status, status, status];

// ---------------------------------------------------------------------------------------------
// The callers' sessions, and how a row's requests are sent (the world they act on: authz-world.ts).

const usernames = {} as Record<Exclude<Caller, 'anonymous' | 'member'>, string>;
const cookies = {} as Record<Caller, string | undefined>;
let notFoundBody: string;

/** Every id a list answers with, following the cursor. */
export async function allIds(url: string, cookie: string): Promise<Set<number>> {
  const ids = new Set<number>();
  let cursor: string | null = null;
  do {
    const res = await send(
      { method: 'GET', url: `${url}${url.includes('?') ? '&' : '?'}limit=200${cursor ? `&cursor=${cursor}` : ''}` },
      cookie,
    );
    if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}`);
    const page = res.json() as { items: Array<{ id: number }>; next_cursor: string | null };
    page.items.forEach((item) => ids.add(item.id));
    cursor = page.next_cursor;
  } while (cursor);
  return ids;
}

export const readsOk = async (url: string, cookie: string) =>
  (await send({ method: 'GET', url }, cookie)).statusCode === 200;

async function memberSession(): Promise<string> {
  const { phone, code } = await requestOtp();
  const res = await matrixApp().app.inject({
    method: 'POST',
    url: '/api/v1/auth/member-login',
    payload: { phone, otp: code },
  });
  if (res.statusCode !== 200) throw new Error(`member sign-in failed: ${res.body}`);
  return `gh_session=${res.cookies.find((c) => c.name === 'gh_session')!.value}`;
}

/** An account like the caller's (same role and org, restricted likewise), signed in. */
async function freshAccountFor(caller: Caller): Promise<string | undefined> {
  if (caller === 'anonymous') return undefined;
  if (caller === 'member') return memberSession();
  const role: Role = caller === 'restricted' ? 'org_admin' : caller;
  const org = caller === 'national_admin' ? world.root : world.orgs.own;
  const { username } = await buildAccount(matrixApp(), { org, role, mustChangePassword: caller === 'restricted' });
  return signIn(matrixApp(), username);
}

async function sessionFor(caller: Caller, kind: SessionKind = 'shared'): Promise<string | undefined> {
  if (kind === 'shared' || caller === 'anonymous') return cookies[caller];
  if (kind === 'fresh_account') return freshAccountFor(caller);
  if (caller === 'member') return memberSession();
  return signIn(matrixApp(), usernames[caller]);
}

export const send = (req: Req, cookie: string | undefined) =>
  matrixApp().app.inject({
    method: req.method,
    url: req.url,
    payload: req.payload,
    headers: { ...req.headers, ...(cookie ? { cookie } : {}) },
    remoteAddress: req.remoteAddress,
  });

/** The request must reach the row's own route, or a 404 from the router would pass for a 404 from the service. */
function assertReaches(route: string, req: Req): void {
  const [method, pattern] = route.split(' ') as [string, string];
  if (req.method !== method || !matchesPattern(pattern, req.url))
    throw new Error(`row ${route} built ${req.method} ${req.url}`);
}

/** What the body must say for an expected error status; null when it does. */
function bodyProblem(caller: Caller, status: number, body: string, field?: string): string | null {
  if (status < 400) return null;
  const error = (JSON.parse(body) as { error?: { code: string; fields?: Record<string, string> } }).error;
  const code = {
    401: 'unauthenticated',
    403: caller === 'restricted' ? 'restricted_session' : 'forbidden',
    404: 'not_found',
    422: 'validation_failed',
  }[status];
  if (error?.code !== code) return `code ${error?.code}, expected ${code}`;
  if (status === 404 && body !== notFoundBody) return `404 body differs from the missing-record body: ${body}`;
  if (status === 422 && field && !error?.fields?.[field]) return `422 does not name ${field}`;
  return null;
}

/** Runs every cell of a row; returns the cells that answered wrong (empty when all are right). */
export function runRow(row: Row): Promise<string[]> {
  return row.kind === 'tree' ? runTreeRow(row) : runCallerRow(row);
}

async function runTreeRow(row: TreeRow): Promise<string[]> {
  const wrong: string[] = [];
  for (const caller of CALLERS) {
    const bodies: string[] = [];
    for (const [i, pos] of POSITIONS.entries()) {
      const req = await row.build({ pos });
      assertReaches(row.route, req);
      const res = await send(req, cookies[caller]);
      bodies.push(res.body);
      const want = row.expect[caller][i]!;
      const problem =
        res.statusCode !== want
          ? `got ${res.statusCode} ${res.body.slice(0, 200)}`
          : bodyProblem(caller, want, res.body, row.field);
      if (problem) wrong.push(`${caller} × ${pos}: expected ${want}, ${problem}`);
    }
    if (row.holdsAbove) {
      const req = await row.holdsAbove.build();
      assertReaches(row.route, req);
      const res = await send(req, cookies[caller]);
      const want = row.holdsAbove.expect[caller];
      const problem =
        res.statusCode !== want
          ? `got ${res.statusCode} ${res.body.slice(0, 200)}`
          : bodyProblem(caller, want, res.body, row.field);
      if (problem) wrong.push(`${caller} × holds_above: expected ${want}, ${problem}`);
    }
    // Out of scope must be indistinguishable from missing: same status, byte-identical body.
    const missing = row.expect[caller][5]!;
    POSITIONS.forEach((pos, i) => {
      if (pos !== 'missing' && missing >= 400 && row.expect[caller][i] === missing && bodies[i] !== bodies[5]) {
        wrong.push(`${caller} × ${pos}: body differs from the missing-record body: ${bodies[i]} vs ${bodies[5]}`);
      }
    });
  }
  return wrong;
}

async function runCallerRow(row: CallerRow): Promise<string[]> {
  const wrong: string[] = [];
  for (const caller of CALLERS) {
    const cookie = await sessionFor(caller, row.session);
    const req = await row.build({ caller, cookie });
    assertReaches(row.route, req);
    const res = await send(req, cookie);
    const want = row.expect[caller];
    const problem =
      res.statusCode !== want ? `got ${res.statusCode} ${res.body.slice(0, 200)}` : bodyProblem(caller, want, res.body);
    if (problem) wrong.push(`${caller}: expected ${want}, ${problem}`);
    else if (row.listed && want === 200 && cookie) wrong.push(...(await listProblems(row.listed, caller, cookie)));
  }
  return wrong;
}

/** The list holds, of the placed records, exactly those the single read shows the caller. */
async function listProblems(check: ListCheck, caller: Caller, cookie: string): Promise<string[]> {
  const ids = await check.listIds(cookie);
  const wrong: string[] = [];
  for (const [placed, id] of Object.entries(check.records()) as Array<[Placed, number]>) {
    const readable = await check.readable({ caller, cookie, placed, id });
    if (ids.has(id) !== readable)
      wrong.push(
        `${caller} × ${placed}: the list ${ids.has(id) ? 'returns' : 'omits'} it, the single read ${readable ? 'shows' : 'hides'} it`,
      );
  }
  return wrong;
}

// ---------------------------------------------------------------------------------------------
// Coverage: every route has exactly one row, and the role table above is the seeded one.

/** Routes under /api/v1 without a row, rows without a route, and routes with two rows. */
export function coverage(rows: readonly Row[]): { withoutRow: string[]; withoutRoute: string[]; twice: string[] } {
  const registered = listRoutes(matrixApp().app).filter((r) => r.split(' ')[1]!.startsWith('/api/v1/'));
  const routes = rows.map((r) => r.route);
  return {
    withoutRow: registered.filter((r) => !routes.includes(r)),
    withoutRoute: routes.filter((r) => !registered.includes(r)),
    twice: routes.filter((r, i) => routes.indexOf(r) !== i),
  };
}

/** Routes the OpenAPI document names that the router does not list (the route list must be complete). */
export function documentedButNotListed(): { documented: number; missing: string[] } {
  const registered = listRoutes(matrixApp().app);
  const documented = Object.entries((matrixApp().app.swagger() as { paths: Record<string, object> }).paths).flatMap(
    ([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
  );
  return { documented: documented.length, missing: documented.filter((r) => !registered.includes(r)) };
}

/** The seeded system roles and their permissions, as the migrated database holds them. */
export async function seededRoles(): Promise<Record<string, string[]>> {
  const rows = await matrixApp()
    .db.selectFrom('roles')
    .select(['code', 'permissions'])
    .where('is_system', '=', true)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.code, [...r.permissions].sort()]));
}

// ---------------------------------------------------------------------------------------------
// Setup.

/** Starts the app and builds the world (authz-world.ts), then the callers and their sessions. */
export async function setUpWorld(): Promise<void> {
  await buildMatrixWorld();
  const t = matrixApp();
  const { root, orgs } = world;
  for (const role of ROLES) {
    usernames[role] = (
      await buildAccount(t, { org: GRANT_AT[role] === 'root' ? root : orgs.own, role, username: `m_${role}` })
    ).username;
  }
  usernames.restricted = (
    await buildAccount(t, { org: orgs.own, role: 'org_admin', username: 'm_restricted', mustChangePassword: true })
  ).username;
  for (const caller of [...ROLES, 'restricted'] as const) cookies[caller] = await signIn(t, usernames[caller]);
  cookies.anonymous = undefined;
  cookies.member = await memberSession();
  notFoundBody = (await send({ method: 'GET', url: `/api/v1/orgs/${MISSING}` }, cookies.national_admin)).body;
}

export const tearDownWorld = closeMatrixWorld;
