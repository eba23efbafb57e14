import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { OrgType } from '../../common/org-types';
import type { Db } from '../db/database';
import { hashPassword } from '../features/auth/password';
import { pinyinKeys } from '../features/orgs/names';

export const TEST_PASSWORD = 'Test@Pass2026';
let passwordHash: Promise<string> | undefined;

export interface BuiltOrg {
  id: number;
  path: string;
  name: string;
  level: number;
}

let seq = 0;

/** Inserts an org under `parent` (or a root) straight into the database. */
export async function buildOrg(
  db: Db,
  opts: { parent?: BuiltOrg; name?: string; type?: OrgType; region_code?: string; status?: 'active' | 'inactive' } = {},
): Promise<BuiltOrg> {
  const { id } = (
    await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('orgs', 'id'))::int AS id`.execute(db)
  ).rows[0]!;
  const name = opts.name ?? `测试工会${++seq}号`;
  const path = opts.parent ? `${opts.parent.path}.${id}` : String(id);
  const level = (opts.parent?.level ?? 0) + 1;
  await db
    .insertInto('orgs')
    .values({
      id,
      parent_id: opts.parent?.id ?? null,
      path,
      name,
      level,
      type: opts.type ?? (opts.parent ? 'enterprise_union' : 'national_federation'),
      region_code: opts.region_code ?? '321302',
      status: opts.status ?? 'active',
      ...pinyinKeys(name),
    })
    .execute();
  return { id, path, name, level };
}

/** Inserts an account holding `role` on `org` (its owning org too, unless `homeOrg` is given). */
export async function buildAccount(
  db: Db,
  opts: {
    org: BuiltOrg;
    role: string;
    username?: string;
    homeOrg?: BuiltOrg;
    status?: 'active' | 'disabled';
    mustChangePassword?: boolean;
    passwordChangedAt?: Date;
  },
): Promise<{ id: number; username: string }> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const username = opts.username ?? `user${++seq}`;
  const account = await db
    .insertInto('accounts')
    .values({
      org_id: (opts.homeOrg ?? opts.org).id,
      username,
      display_name: `测试用户${seq}`,
      password_hash: await passwordHash,
      status: opts.status ?? 'active',
      must_change_password: opts.mustChangePassword ?? false,
      ...(opts.passwordChangedAt ? { password_changed_at: opts.passwordChangedAt } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const role = await db.selectFrom('roles').select('id').where('code', '=', opts.role).executeTakeFirstOrThrow();
  await db.insertInto('grants').values({ account_id: account.id, org_id: opts.org.id, role_id: role.id }).execute();
  return { id: account.id, username };
}

/** Gives an existing account one more grant, `role` on `org`; returns the grant's id. */
export async function grantRole(db: Db, accountId: number, org: BuiltOrg, role: string): Promise<number> {
  const { id: roleId } = await db.selectFrom('roles').select('id').where('code', '=', role).executeTakeFirstOrThrow();
  return (
    await db
      .insertInto('grants')
      .values({ account_id: accountId, org_id: org.id, role_id: roleId })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/** Signs in through the API and returns the Cookie header for later requests. */
export async function signIn(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
  remoteAddress = '127.0.0.1',
): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress,
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'gh_session');
  return `gh_session=${cookie!.value}`;
}

/** The tree most tests need: 全总 → 江苏 → 宿迁 → 宿城区 → 幸福街道, and 江西 as another province. */
export interface World {
  root: BuiltOrg;
  jiangsu: BuiltOrg;
  suqian: BuiltOrg;
  sucheng: BuiltOrg;
  street: BuiltOrg;
  jiangxi: BuiltOrg;
}

export async function buildWorld(db: Db): Promise<World> {
  const root = await buildOrg(db, { name: '中华全国总工会', type: 'national_federation', region_code: '110000' });
  const jiangsu = await buildOrg(db, {
    parent: root,
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
  const street = await buildOrg(db, { parent: sucheng, name: '幸福街道总工会', type: 'subdistrict_union' });
  const jiangxi = await buildOrg(db, {
    parent: root,
    name: '江西省总工会',
    type: 'provincial_federation',
    region_code: '360000',
  });
  return { root, jiangsu, suqian, sucheng, street, jiangxi };
}
