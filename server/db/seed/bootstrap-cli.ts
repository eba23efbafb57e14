import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ORG_TYPES, type OrgType } from '../../../common/org-types';
import { openDatabase } from '../database';
import { migrate } from '../migrate';
import { loadConfig } from '../../env';
import { hashPassword } from '../../features/auth/password';
import { pinyinKeys } from '../../features/orgs/names';
import { findRegion } from '../../features/regions/regions';
import { isDatabaseEmpty } from './demo';

/**
 * `npm run bootstrap -- --name 江苏省总工会 --type provincial_federation --region 320000 --admin admin`
 * creates the root org of a production deployment and its first administrator, with a random
 * one-time password that must be changed at first sign-in. Refuses a database that has orgs.
 */
const { values } = parseArgs({
  options: {
    name: { type: 'string' },
    type: { type: 'string' },
    region: { type: 'string' },
    admin: { type: 'string', default: 'admin' },
  },
});
const fail = (msg: string): never => {
  process.stderr.write(`✖ ${msg}\n`);
  process.exit(1);
};
if (!values.name || !values.type || !values.region)
  fail(
    'usage: npm run bootstrap -- --name <root org name> --type <org type> --region <GB/T 2260 code> [--admin <username>]',
  );
if (!(ORG_TYPES as readonly string[]).includes(values.type!)) fail(`--type must be one of: ${ORG_TYPES.join(', ')}`);
if (!findRegion(values.region!)) fail(`--region ${values.region} is not a GB/T 2260 code`);

const config = loadConfig();
const database = await openDatabase(
  config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'pglite', dataDir: join(config.dataDir, 'pg') },
);
try {
  await migrate(database.pool);
  if (!(await isDatabaseEmpty(database.db))) fail('the database already has orgs; bootstrap only sets up an empty one');
  const password = `Gh-${randomBytes(9).toString('base64url')}1a`;
  const passwordHash = await hashPassword(password);
  await database.db.transaction().execute(async (trx) => {
    const org = await trx
      .insertInto('orgs')
      .values({
        id: 1,
        parent_id: null,
        path: '1',
        level: 1,
        name: values.name!,
        type: values.type as OrgType,
        region_code: values.region!,
        ...pinyinKeys(values.name!),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const role = await trx
      .selectFrom('roles')
      .select('id')
      .where('code', '=', 'national_admin')
      .executeTakeFirstOrThrow();
    const account = await trx
      .insertInto('accounts')
      .values({
        org_id: org.id,
        username: values.admin!,
        display_name: '系统管理员',
        password_hash: passwordHash,
        must_change_password: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('grants').values({ account_id: account.id, org_id: org.id, role_id: role.id }).execute();
    await trx
      .insertInto('audit_log')
      .values({
        account_id: null,
        actor_label: 'bootstrap',
        action: 'deployment.bootstrapped',
        entity_type: 'org',
        entity_id: String(org.id),
        org_path: '1',
      })
      .execute();
  });
  // Identity sequences must move past the explicit id 1.
  await database.pool.query("SELECT setval(pg_get_serial_sequence('orgs', 'id'), (SELECT max(id) FROM orgs))");
  process.stdout.write(
    `Created root org "${values.name}" and administrator "${values.admin}".\nOne-time password (change it at first sign-in): ${password}\n`,
  );
} finally {
  await database.close();
}
