/**
 * The authorization matrix: every API route × every kind of caller × every position of the
 * target record in the union tree, each cell with the status a user must get (DESIGN.md §4.1,
 * §4.6). A route added without a row here fails the first test, so new routes are placed in
 * the matrix when they land.
 *
 * The main actors hold their grant on 宿城区总工会 ("own"). Positions of the target record:
 * own (宿城区总), child (a street union under it), sibling (沭阳县总, beside it under 宿迁),
 * parent (宿迁市总), other_province (南昌市总 under 江西省总) and missing (an id that does not exist).
 * The account rows have one more position, holds_above: an account owned by the child org (so an
 * org admin of 宿城区 sees it) that also holds org_admin on the parent. Managing it would hand the
 * caller that grant (reset its password, then sign in as it), so the caller can read it but every
 * write answers 403.
 *
 * The list rows check more than the status: of the records at each position, a list returns
 * exactly those the single read lets the caller see (DESIGN.md §4.1).
 */
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildOrg, grantRole, signIn, TEST_PASSWORD, type BuiltOrg } from './testing/factories';
import { listRoutes, matchesPattern } from './testing/routes';
import { createTestApp, type TestApp } from './testing/test-app';

const ROLES = [
  'national_admin',
  'org_admin',
  'case_officer',
  'hotline_agent',
  'station_keeper',
  'reviewer',
  'viewer',
] as const;
type Role = (typeof ROLES)[number];
/** An account for each seeded role, an org admin who must first change the password, no one, and a worker signed in by phone. */
const CALLERS = [...ROLES, 'restricted', 'anonymous', 'member'] as const;
type Caller = (typeof CALLERS)[number];
const POSITIONS = ['own', 'child', 'sibling', 'parent', 'other_province', 'missing'] as const;
type Position = (typeof POSITIONS)[number];
/** Expected statuses in POSITIONS order. */
type Cells = readonly [
  own: number,
  child: number,
  sibling: number,
  parent: number,
  other_province: number,
  missing: number,
];
const MISSING = 999_999;

interface Req {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  payload?: object;
  remoteAddress?: string;
}
/** How the caller's session is got for a cell: the shared one, a new one, or a new account with the same role (for routes that change the caller). */
type SessionKind = 'shared' | 'fresh_session' | 'fresh_account';

/** A route about a record in the tree: one expected status per caller and position. */
interface TreeRow {
  route: string;
  /** The field a 422 names when the record is given in the body. */
  field?: string;
  build(cell: { pos: Position }): Promise<Req> | Req;
  expect: Record<Caller, Cells>;
  /** Account rows: the target account holds a grant above the caller (see the header). */
  holdsAbove?: { build(): Promise<Req> | Req; expect: Record<Caller, number> };
}
/** A route not about a record in the tree: one expected status per caller. */
interface CallerRow {
  route: string;
  session?: SessionKind;
  build(cell: { caller: Caller; cookie: string | undefined }): Promise<Req> | Req;
  expect: Record<Caller, number>;
  /** List rows: which of the records placed at the positions the list returns must agree with the single read. */
  listed?: ListCheck;
}
/** Labels of the records a list check places: one per position (and holds_above for accounts). */
type Placed = Exclude<Position, 'missing'> | 'holds_above';
interface ListCheck {
  /** The id of the record placed at each position. */
  records(): Partial<Record<Placed, number>>;
  /** Every id the list returns to the caller, over all pages. */
  listIds(cookie: string): Promise<Set<number>>;
  /** Whether the single read shows the caller the record at `placed`. */
  readable(cell: { caller: Caller; cookie: string; placed: Placed; id: number }): Promise<boolean> | boolean;
}

let t: TestApp;
let world: {
  orgs: Record<Exclude<Position, 'missing'>, BuiltOrg>;
  moveDestination: BuiltOrg;
  accounts: Record<Exclude<Position, 'missing'>, number>;
  /** The holds_above account the non-destructive account rows act on. */
  aboveAccount: number;
  /** An account that never acts: the audit entries placed at the positions carry its id, so a filter finds exactly them. */
  auditProbeAccount: number;
  auditProbes: Record<Exclude<Position, 'missing'>, number>;
  matrixRoleId: number;
  hotlineRoleId: number;
  loginTarget: string;
};
let rootOrg: BuiltOrg;
const usernames = {} as Record<Exclude<Caller, 'anonymous' | 'member'>, string>;
const cookies = {} as Record<Caller, string | undefined>;
let notFoundBody: string;

let counter = 0;
const next = () => ++counter;
/** A distinct client address, so per-IP limits on one-time codes never decide a cell. */
const nextIp = () => {
  const n = next();
  return `10.77.${Math.floor(n / 250)}.${(n % 250) + 1}`;
};
const nextPhone = () => `139${String(next()).padStart(8, '0')}`;

/** A region within each position's org: a new org lies within its parent's region. */
const REGION_AT: Record<Position, string> = {
  own: '321302',
  child: '321302',
  sibling: '321322',
  parent: '321302',
  other_province: '360102',
  missing: '321302',
};
const orgAt = (pos: Position) => (pos === 'missing' ? MISSING : world.orgs[pos].id);

/** A new org directly under the org at `pos`: it lies in the actor's scope exactly when that org does. */
async function freshOrgAt(pos: Position, status: 'active' | 'inactive' = 'active'): Promise<number> {
  if (pos === 'missing') return MISSING;
  return (await buildOrg(t.db, { parent: world.orgs[pos], status })).id;
}

/** A new account owned by the org at `pos`, holding viewer there; returns its id and grant id. */
async function freshAccountAt(pos: Position): Promise<{ id: number; grantId: number }> {
  if (pos === 'missing') return { id: MISSING, grantId: MISSING };
  const { id } = await buildAccount(t.db, { org: world.orgs[pos], role: 'viewer' });
  const grant = await t.db.selectFrom('grants').select('id').where('account_id', '=', id).executeTakeFirstOrThrow();
  return { id, grantId: grant.id };
}

/** Gives an account a TOTP factor in force (the reset-totp route needs one to reset). */
async function withTotp<T extends { id: number }>(account: Promise<T>): Promise<T> {
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
async function freshAccountAbove(): Promise<{ id: number; grantId: number }> {
  const account = await freshAccountAt('child');
  await grantRole(t.db, account.id, world.orgs.parent, 'org_admin');
  return account;
}

/** Every id a list answers with, following the cursor. */
async function allIds(url: string, cookie: string): Promise<Set<number>> {
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

const readsOk = async (url: string, cookie: string) => (await send({ method: 'GET', url }, cookie)).statusCode === 200;

/** Asks for a sign-in code for a new phone from a new address; demo mode answers with the code. */
async function requestOtp(): Promise<{ phone: string; code: string }> {
  const phone = nextPhone();
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/otp',
    payload: { phone, purpose: 'login' },
    remoteAddress: nextIp(),
  });
  return { phone, code: res.json().dev_code };
}

async function memberSession(): Promise<string> {
  const { phone, code } = await requestOtp();
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/member-login', payload: { phone, otp: code } });
  if (res.statusCode !== 200) throw new Error(`member sign-in failed: ${res.body}`);
  return `gh_session=${res.cookies.find((c) => c.name === 'gh_session')!.value}`;
}

/** An account like the caller's (same role and org, restricted likewise), signed in. */
async function freshAccountFor(caller: Caller): Promise<string | undefined> {
  if (caller === 'anonymous') return undefined;
  if (caller === 'member') return memberSession();
  const role: Role = caller === 'restricted' ? 'org_admin' : caller;
  const org = caller === 'national_admin' ? rootOrg : world.orgs.own;
  const { username } = await buildAccount(t.db, { org, role, mustChangePassword: caller === 'restricted' });
  return signIn(t.app, username);
}

async function sessionFor(caller: Caller, kind: SessionKind = 'shared'): Promise<string | undefined> {
  if (kind === 'shared' || caller === 'anonymous') return cookies[caller];
  if (kind === 'fresh_account') return freshAccountFor(caller);
  if (caller === 'member') return memberSession();
  return signIn(t.app, usernames[caller]);
}

const send = (req: Req, cookie: string | undefined) =>
  t.app.inject({
    method: req.method,
    url: req.url,
    payload: req.payload,
    headers: cookie ? { cookie } : {},
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

/** The roles that carry audit.read. */
const AUDIT_READERS: readonly Caller[] = ['national_admin', 'org_admin'];

/** The same answer at every position. */
const all = (status: number): Cells => [status, status, status, status, status, status];
/** Callers stopped before any record is looked at. */
const GATED = { restricted: all(403), anonymous: all(401), member: all(401) };
/** One status for every account caller. */
const cadres = (status: number) => Object.fromEntries(ROLES.map((r) => [r, status])) as Record<Role, number>;
const everyone = (status: number) => Object.fromEntries(CALLERS.map((c) => [c, status])) as Record<Caller, number>;
/** holds_above: the national admin covers the grant; the org admin sees the account but may not manage it; the rest cannot see it. */
const holdsAbove = (national: number, orgAdmin: number): Record<Caller, number> => ({
  ...cadres(404),
  national_admin: national,
  org_admin: orgAdmin,
  restricted: 403,
  anonymous: 401,
  member: 401,
});

const TREE_ROWS: TreeRow[] = [
  {
    route: 'GET /api/v1/orgs/:id',
    build: ({ pos }) => ({ method: 'GET', url: `/api/v1/orgs/${orgAt(pos)}` }),
    expect: {
      //               own  child sibl parent other missing
      national_admin: [200, 200, 200, 200, 200, 404],
      org_admin: [200, 200, 404, 404, 404, 404],
      case_officer: [200, 200, 404, 404, 404, 404],
      hotline_agent: [200, 200, 404, 404, 404, 404],
      station_keeper: [200, 200, 404, 404, 404, 404],
      reviewer: [200, 200, 404, 404, 404, 404],
      viewer: [200, 200, 404, 404, 404, 404],
      ...GATED,
    },
  },
  {
    route: 'PATCH /api/v1/orgs/:id',
    build: ({ pos }) => ({
      method: 'PATCH',
      url: `/api/v1/orgs/${orgAt(pos)}`,
      payload: { contact_name: `联系人${next()}` },
    }),
    expect: {
      national_admin: [200, 200, 200, 200, 200, 404],
      org_admin: [200, 200, 404, 404, 404, 404],
      case_officer: [403, 403, 404, 404, 404, 404],
      hotline_agent: [403, 403, 404, 404, 404, 404],
      station_keeper: [403, 403, 404, 404, 404, 404],
      reviewer: [403, 403, 404, 404, 404, 404],
      viewer: [403, 403, 404, 404, 404, 404],
      ...GATED,
    },
  },
  {
    // The target is the parent named in the body: out of scope it is "上级组织不存在", as when missing.
    route: 'POST /api/v1/orgs',
    field: 'parent_id',
    build: ({ pos }) => ({
      method: 'POST',
      url: '/api/v1/orgs',
      payload: {
        parent_id: orgAt(pos),
        name: `矩阵新建工会${next()}`,
        type: 'enterprise_union',
        region_code: REGION_AT[pos],
      },
    }),
    expect: {
      national_admin: [201, 201, 201, 201, 201, 422],
      org_admin: [201, 201, 422, 422, 422, 422],
      case_officer: [403, 403, 422, 422, 422, 422],
      hotline_agent: [403, 403, 422, 422, 422, 422],
      station_keeper: [403, 403, 422, 422, 422, 422],
      reviewer: [403, 403, 422, 422, 422, 422],
      viewer: [403, 403, 422, 422, 422, 422],
      ...GATED,
    },
  },
  {
    // Destructive rows act on a fresh org under the position's org, so no cell changes the world.
    route: 'POST /api/v1/orgs/:id/move',
    build: async ({ pos }) => ({
      method: 'POST',
      url: `/api/v1/orgs/${await freshOrgAt(pos)}/move`,
      payload: { parent_id: world.moveDestination.id },
    }),
    expect: {
      national_admin: [200, 200, 200, 200, 200, 404],
      org_admin: [200, 200, 404, 404, 404, 404],
      case_officer: [403, 403, 404, 404, 404, 404],
      hotline_agent: [403, 403, 404, 404, 404, 404],
      station_keeper: [403, 403, 404, 404, 404, 404],
      reviewer: [403, 403, 404, 404, 404, 404],
      viewer: [403, 403, 404, 404, 404, 404],
      ...GATED,
    },
  },
  {
    route: 'POST /api/v1/orgs/:id/deactivate',
    build: async ({ pos }) => ({
      method: 'POST',
      url: `/api/v1/orgs/${await freshOrgAt(pos)}/deactivate`,
      payload: { reason: '单位注销，工会撤销' },
    }),
    expect: {
      national_admin: [200, 200, 200, 200, 200, 404],
      org_admin: [200, 200, 404, 404, 404, 404],
      case_officer: [403, 403, 404, 404, 404, 404],
      hotline_agent: [403, 403, 404, 404, 404, 404],
      station_keeper: [403, 403, 404, 404, 404, 404],
      reviewer: [403, 403, 404, 404, 404, 404],
      viewer: [403, 403, 404, 404, 404, 404],
      ...GATED,
    },
  },
  {
    route: 'POST /api/v1/orgs/:id/activate',
    build: async ({ pos }) => ({ method: 'POST', url: `/api/v1/orgs/${await freshOrgAt(pos, 'inactive')}/activate` }),
    expect: {
      national_admin: [200, 200, 200, 200, 200, 404],
      org_admin: [200, 200, 404, 404, 404, 404],
      case_officer: [403, 403, 404, 404, 404, 404],
      hotline_agent: [403, 403, 404, 404, 404, 404],
      station_keeper: [403, 403, 404, 404, 404, 404],
      reviewer: [403, 403, 404, 404, 404, 404],
      viewer: [403, 403, 404, 404, 404, 404],
      ...GATED,
    },
  },
  {
    // Accounts are readable only with accounts.manage: without it they do not exist for the caller.
    route: 'GET /api/v1/accounts/:id',
    build: ({ pos }) => ({
      method: 'GET',
      url: `/api/v1/accounts/${pos === 'missing' ? MISSING : world.accounts[pos]}`,
    }),
    holdsAbove: {
      build: () => ({ method: 'GET', url: `/api/v1/accounts/${world.aboveAccount}` }),
      expect: holdsAbove(200, 200),
    },
    expect: {
      national_admin: [200, 200, 200, 200, 200, 404],
      org_admin: [200, 200, 404, 404, 404, 404],
      case_officer: [404, 404, 404, 404, 404, 404],
      hotline_agent: [404, 404, 404, 404, 404, 404],
      station_keeper: [404, 404, 404, 404, 404, 404],
      reviewer: [404, 404, 404, 404, 404, 404],
      viewer: [404, 404, 404, 404, 404, 404],
      ...GATED,
    },
  },
  {
    route: 'PATCH /api/v1/accounts/:id',
    build: ({ pos }) => ({
      method: 'PATCH',
      url: `/api/v1/accounts/${pos === 'missing' ? MISSING : world.accounts[pos]}`,
      payload: { display_name: `改名${next()}` },
    }),
    holdsAbove: {
      build: () => ({
        method: 'PATCH',
        url: `/api/v1/accounts/${world.aboveAccount}`,
        payload: { display_name: `改名${next()}` },
      }),
      expect: holdsAbove(200, 403),
    },
    expect: {
      national_admin: [200, 200, 200, 200, 200, 404],
      org_admin: [200, 200, 404, 404, 404, 404],
      case_officer: [404, 404, 404, 404, 404, 404],
      hotline_agent: [404, 404, 404, 404, 404, 404],
      station_keeper: [404, 404, 404, 404, 404, 404],
      reviewer: [404, 404, 404, 404, 404, 404],
      viewer: [404, 404, 404, 404, 404, 404],
      ...GATED,
    },
  },
  {
    // The target is the owning org named in the body.
    route: 'POST /api/v1/accounts',
    field: 'org_id',
    build: ({ pos }) => ({
      method: 'POST',
      url: '/api/v1/accounts',
      payload: {
        org_id: orgAt(pos),
        username: `mx_acct${next()}`,
        display_name: '矩阵账号',
        password: 'Strong#Pass2026',
      },
    }),
    expect: {
      national_admin: [201, 201, 201, 201, 201, 422],
      org_admin: [201, 201, 422, 422, 422, 422],
      case_officer: [422, 422, 422, 422, 422, 422],
      hotline_agent: [422, 422, 422, 422, 422, 422],
      station_keeper: [422, 422, 422, 422, 422, 422],
      reviewer: [422, 422, 422, 422, 422, 422],
      viewer: [422, 422, 422, 422, 422, 422],
      ...GATED,
    },
  },
  {
    route: 'POST /api/v1/accounts/:id/reset-password',
    build: async ({ pos }) => ({
      method: 'POST',
      url: `/api/v1/accounts/${(await freshAccountAt(pos)).id}/reset-password`,
      payload: { password: 'Reset#Pass2026' },
    }),
    holdsAbove: {
      build: async () => ({
        method: 'POST',
        url: `/api/v1/accounts/${(await freshAccountAbove()).id}/reset-password`,
        payload: { password: 'Reset#Pass2026' },
      }),
      expect: holdsAbove(204, 403),
    },
    expect: {
      national_admin: [204, 204, 204, 204, 204, 404],
      org_admin: [204, 204, 404, 404, 404, 404],
      case_officer: [404, 404, 404, 404, 404, 404],
      hotline_agent: [404, 404, 404, 404, 404, 404],
      station_keeper: [404, 404, 404, 404, 404, 404],
      reviewer: [404, 404, 404, 404, 404, 404],
      viewer: [404, 404, 404, 404, 404, 404],
      ...GATED,
    },
  },
  {
    route: 'POST /api/v1/accounts/:id/unlock',
    build: async ({ pos }) => ({ method: 'POST', url: `/api/v1/accounts/${(await freshAccountAt(pos)).id}/unlock` }),
    holdsAbove: {
      build: async () => ({ method: 'POST', url: `/api/v1/accounts/${(await freshAccountAbove()).id}/unlock` }),
      expect: holdsAbove(200, 403),
    },
    expect: {
      national_admin: [200, 200, 200, 200, 200, 404],
      org_admin: [200, 200, 404, 404, 404, 404],
      case_officer: [404, 404, 404, 404, 404, 404],
      hotline_agent: [404, 404, 404, 404, 404, 404],
      station_keeper: [404, 404, 404, 404, 404, 404],
      reviewer: [404, 404, 404, 404, 404, 404],
      viewer: [404, 404, 404, 404, 404, 404],
      ...GATED,
    },
  },
  {
    route: 'POST /api/v1/accounts/:id/reset-totp',
    build: async ({ pos }) => ({
      method: 'POST',
      url: `/api/v1/accounts/${(await withTotp(freshAccountAt(pos))).id}/reset-totp`,
      payload: { reason: '手机丢失' },
    }),
    holdsAbove: {
      build: async () => ({
        method: 'POST',
        url: `/api/v1/accounts/${(await withTotp(freshAccountAbove())).id}/reset-totp`,
        payload: { reason: '手机丢失' },
      }),
      expect: holdsAbove(204, 403),
    },
    expect: {
      national_admin: [204, 204, 204, 204, 204, 404],
      org_admin: [204, 204, 404, 404, 404, 404],
      case_officer: [404, 404, 404, 404, 404, 404],
      hotline_agent: [404, 404, 404, 404, 404, 404],
      station_keeper: [404, 404, 404, 404, 404, 404],
      reviewer: [404, 404, 404, 404, 404, 404],
      viewer: [404, 404, 404, 404, 404, 404],
      ...GATED,
    },
  },
  {
    // A role every granter in scope holds all permissions of, on the account's own org.
    route: 'POST /api/v1/accounts/:id/grants',
    build: async ({ pos }) => ({
      method: 'POST',
      url: `/api/v1/accounts/${(await freshAccountAt(pos)).id}/grants`,
      payload: { org_id: pos === 'missing' ? world.orgs.own.id : orgAt(pos), role_id: world.hotlineRoleId },
    }),
    holdsAbove: {
      build: async () => ({
        method: 'POST',
        url: `/api/v1/accounts/${(await freshAccountAbove()).id}/grants`,
        payload: { org_id: world.orgs.child.id, role_id: world.hotlineRoleId },
      }),
      expect: holdsAbove(201, 403),
    },
    expect: {
      national_admin: [201, 201, 201, 201, 201, 404],
      org_admin: [201, 201, 404, 404, 404, 404],
      case_officer: [404, 404, 404, 404, 404, 404],
      hotline_agent: [404, 404, 404, 404, 404, 404],
      station_keeper: [404, 404, 404, 404, 404, 404],
      reviewer: [404, 404, 404, 404, 404, 404],
      viewer: [404, 404, 404, 404, 404, 404],
      ...GATED,
    },
  },
  {
    route: 'DELETE /api/v1/accounts/:id/grants/:grant_id',
    build: async ({ pos }) => {
      const account = await freshAccountAt(pos);
      return { method: 'DELETE', url: `/api/v1/accounts/${account.id}/grants/${account.grantId}` };
    },
    // Even the grant on the child org, which the org admin could give, stays: the account is not its to manage.
    holdsAbove: {
      build: async () => {
        const account = await freshAccountAbove();
        return { method: 'DELETE', url: `/api/v1/accounts/${account.id}/grants/${account.grantId}` };
      },
      expect: holdsAbove(204, 403),
    },
    expect: {
      national_admin: [204, 204, 204, 204, 204, 404],
      org_admin: [204, 204, 404, 404, 404, 404],
      case_officer: [404, 404, 404, 404, 404, 404],
      hotline_agent: [404, 404, 404, 404, 404, 404],
      station_keeper: [404, 404, 404, 404, 404, 404],
      reviewer: [404, 404, 404, 404, 404, 404],
      viewer: [404, 404, 404, 404, 404, 404],
      ...GATED,
    },
  },
];

const CALLER_ROWS: CallerRow[] = [
  { route: 'GET /api/v1/config', build: () => ({ method: 'GET', url: '/api/v1/config' }), expect: everyone(200) },
  {
    route: 'GET /api/v1/openapi.json',
    build: () => ({ method: 'GET', url: '/api/v1/openapi.json' }),
    expect: everyone(200),
  },
  { route: 'GET /api/v1/ping', build: () => ({ method: 'GET', url: '/api/v1/ping' }), expect: everyone(200) },
  {
    route: 'GET /api/v1/regions',
    build: () => ({ method: 'GET', url: '/api/v1/regions?parent_code=320000' }),
    expect: everyone(200),
  },
  {
    route: 'GET /api/v1/regions/:code',
    build: () => ({ method: 'GET', url: '/api/v1/regions/321302' }),
    expect: everyone(200),
  },
  {
    route: 'POST /api/v1/otp',
    build: () => ({
      method: 'POST',
      url: '/api/v1/otp',
      payload: { phone: nextPhone(), purpose: 'login' },
      remoteAddress: nextIp(),
    }),
    expect: everyone(200),
  },
  {
    route: 'POST /api/v1/auth/member-login',
    build: async () => {
      const { phone, code } = await requestOtp();
      return { method: 'POST', url: '/api/v1/auth/member-login', payload: { phone, otp: code } };
    },
    expect: everyone(200),
  },
  {
    route: 'POST /api/v1/auth/login',
    build: () => ({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: world.loginTarget, password: TEST_PASSWORD },
    }),
    expect: everyone(200),
  },
  {
    route: 'POST /api/v1/auth/logout',
    session: 'fresh_session',
    build: () => ({ method: 'POST', url: '/api/v1/auth/logout' }),
    expect: everyone(204),
  },
  {
    route: 'GET /api/v1/me',
    build: () => ({ method: 'GET', url: '/api/v1/me' }),
    expect: { ...cadres(200), restricted: 200, anonymous: 401, member: 200 },
  },
  {
    route: 'POST /api/v1/auth/password',
    session: 'fresh_account',
    build: () => ({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { current_password: TEST_PASSWORD, new_password: 'Changed#Pass2026' },
    }),
    expect: { ...cadres(204), restricted: 204, anonymous: 401, member: 401 },
  },
  {
    route: 'POST /api/v1/auth/totp/setup',
    session: 'fresh_account',
    build: () => ({ method: 'POST', url: '/api/v1/auth/totp/setup' }),
    expect: { ...cadres(200), restricted: 200, anonymous: 401, member: 401 },
  },
  {
    route: 'POST /api/v1/auth/totp/confirm',
    session: 'fresh_account',
    build: async ({ cookie }) => {
      const setup = await send({ method: 'POST', url: '/api/v1/auth/totp/setup' }, cookie);
      const code =
        setup.statusCode === 200 ? new TOTP({ secret: Secret.fromBase32(setup.json().secret) }).generate() : '123456';
      return { method: 'POST', url: '/api/v1/auth/totp/confirm', payload: { code } };
    },
    expect: { ...cadres(204), restricted: 204, anonymous: 401, member: 401 },
  },
  {
    route: 'GET /api/v1/orgs',
    build: () => ({ method: 'GET', url: '/api/v1/orgs' }),
    expect: { ...cadres(200), restricted: 403, anonymous: 401, member: 401 },
    // Searched, so the list is not just the caller's roots; every position org's name holds 总工会, no fresh org's does.
    listed: {
      records: () => ({
        own: world.orgs.own.id,
        child: world.orgs.child.id,
        sibling: world.orgs.sibling.id,
        parent: world.orgs.parent.id,
        other_province: world.orgs.other_province.id,
      }),
      listIds: (cookie) => allIds(`/api/v1/orgs?q=${encodeURIComponent('总工会')}`, cookie),
      readable: ({ cookie, id }) => readsOk(`/api/v1/orgs/${id}`, cookie),
    },
  },
  {
    route: 'GET /api/v1/accounts',
    build: () => ({ method: 'GET', url: '/api/v1/accounts' }),
    expect: { ...cadres(200), restricted: 403, anonymous: 401, member: 401 },
    listed: {
      records: () => ({ ...world.accounts, holds_above: world.aboveAccount }),
      listIds: (cookie) => allIds('/api/v1/accounts', cookie),
      readable: ({ cookie, id }) => readsOk(`/api/v1/accounts/${id}`, cookie),
    },
  },
  {
    route: 'GET /api/v1/audit',
    build: () => ({ method: 'GET', url: '/api/v1/audit' }),
    expect: { ...cadres(200), restricted: 403, anonymous: 401, member: 401 },
    // There is no single read of an entry: an entry placed at an org is readable where the caller reads that org and holds audit.read.
    listed: {
      records: () => world.auditProbes,
      listIds: (cookie) => allIds(`/api/v1/audit?account_id=${world.auditProbeAccount}`, cookie),
      readable: async ({ caller, cookie, placed }) =>
        AUDIT_READERS.includes(caller) &&
        placed !== 'holds_above' &&
        readsOk(`/api/v1/orgs/${world.orgs[placed].id}`, cookie),
    },
  },
  {
    route: 'GET /api/v1/roles',
    build: () => ({ method: 'GET', url: '/api/v1/roles' }),
    expect: { ...cadres(200), restricted: 403, anonymous: 401, member: 401 },
  },
  {
    // Roles are deployment-wide: only a national administrator edits them.
    route: 'POST /api/v1/roles',
    build: () => {
      const n = next();
      return {
        method: 'POST',
        url: '/api/v1/roles',
        payload: {
          code: `matrix_role_${n}`,
          name: `矩阵角色${n}`,
          name_en: `Matrix role ${n}`,
          permissions: ['orgs.read'],
        },
      };
    },
    expect: { ...cadres(403), national_admin: 201, restricted: 403, anonymous: 401, member: 401 },
  },
  {
    route: 'PATCH /api/v1/roles/:id',
    build: () => ({
      method: 'PATCH',
      url: `/api/v1/roles/${world.matrixRoleId}`,
      payload: { name: `矩阵角色改${next()}` },
    }),
    expect: { ...cadres(403), national_admin: 200, restricted: 403, anonymous: 401, member: 401 },
  },
];

beforeAll(async () => {
  t = await createTestApp();
  const db = t.db;
  rootOrg = await buildOrg(db, { name: '中华全国总工会', type: 'national_federation', region_code: '110000' });
  const jiangsu = await buildOrg(db, {
    parent: rootOrg,
    name: '江苏省总工会',
    type: 'provincial_federation',
    region_code: '320000',
  });
  const suqian = await buildOrg(db, {
    parent: jiangsu,
    name: '宿迁市总工会',
    type: 'city_federation',
    region_code: '321300',
  });
  const sucheng = await buildOrg(db, {
    parent: suqian,
    name: '宿城区总工会',
    type: 'county_federation',
    region_code: '321302',
  });
  const street = await buildOrg(db, {
    parent: sucheng,
    name: '幸福街道总工会',
    type: 'subdistrict_union',
    region_code: '321302',
  });
  const shuyang = await buildOrg(db, {
    parent: suqian,
    name: '沭阳县总工会',
    type: 'county_federation',
    region_code: '321322',
  });
  const jiangxi = await buildOrg(db, {
    parent: rootOrg,
    name: '江西省总工会',
    type: 'provincial_federation',
    region_code: '360000',
  });
  const nanchang = await buildOrg(db, {
    parent: jiangxi,
    name: '南昌市总工会',
    type: 'city_federation',
    region_code: '360100',
  });
  const orgs = { own: sucheng, child: street, sibling: shuyang, parent: suqian, other_province: nanchang };
  const moveDestination = await buildOrg(db, {
    parent: sucheng,
    name: '宿城区新业态工会联合会',
    type: 'joint_union',
    region_code: '321302',
  });

  for (const role of ROLES) {
    usernames[role] = (
      await buildAccount(db, { org: role === 'national_admin' ? rootOrg : sucheng, role, username: `m_${role}` })
    ).username;
  }
  usernames.restricted = (
    await buildAccount(db, { org: sucheng, role: 'org_admin', username: 'm_restricted', mustChangePassword: true })
  ).username;
  const accounts = {} as Record<Exclude<Position, 'missing'>, number>;
  for (const [pos, org] of Object.entries(orgs) as Array<[Exclude<Position, 'missing'>, BuiltOrg]>) {
    accounts[pos] = (await buildAccount(db, { org, role: 'viewer', username: `target_${pos}` })).id;
  }
  const aboveAccount = (await buildAccount(db, { org: street, role: 'viewer', username: 'target_holds_above' })).id;
  await grantRole(db, aboveAccount, suqian, 'org_admin');
  const auditProbeAccount = (await buildAccount(db, { org: rootOrg, role: 'viewer', username: 'm_audit_probe' })).id;
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
  const loginTarget = (await buildAccount(db, { org: street, role: 'viewer', username: 'login_target' })).username;
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
  world = {
    orgs,
    moveDestination,
    accounts,
    aboveAccount,
    auditProbeAccount,
    auditProbes,
    matrixRoleId: matrixRole.id,
    hotlineRoleId: hotline.id,
    loginTarget,
  };

  for (const caller of [...ROLES, 'restricted'] as const) cookies[caller] = await signIn(t.app, usernames[caller]);
  cookies.anonymous = undefined;
  cookies.member = await memberSession();
  notFoundBody = (await send({ method: 'GET', url: `/api/v1/orgs/${MISSING}` }, cookies.national_admin)).body;
});
afterAll(() => t?.close());

describe('the matrix covers the API', () => {
  it('has a row for every route under /api/v1, and no row for a route that does not exist', () => {
    const registered = listRoutes(t.app).filter((r) => r.split(' ')[1]!.startsWith('/api/v1/'));
    const rows = [...TREE_ROWS, ...CALLER_ROWS].map((r) => r.route);
    expect(new Set(rows).size, 'a route has two rows').toBe(rows.length);
    expect(
      registered.filter((r) => !rows.includes(r)),
      'routes without a row in the matrix',
    ).toEqual([]);
    expect(
      rows.filter((r) => !registered.includes(r)),
      'rows for routes that do not exist',
    ).toEqual([]);
  });

  it('reads the routes from the router itself (every documented route is among them)', () => {
    const registered = listRoutes(t.app);
    const documented = Object.entries((t.app.swagger() as { paths: Record<string, object> }).paths).flatMap(
      ([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(documented.length).toBeGreaterThan(10);
    expect(documented.filter((r) => !registered.includes(r))).toEqual([]);
  });
});

describe('records in the tree: each caller × position', () => {
  for (const row of TREE_ROWS) {
    it(row.route, async () => {
      expect(await runTreeRow(row)).toEqual([]);
    });
  }
});

describe('routes not about a record in the tree: each caller', () => {
  for (const row of CALLER_ROWS) {
    it(row.route, async () => {
      expect(await runCallerRow(row)).toEqual([]);
    });
  }
});
