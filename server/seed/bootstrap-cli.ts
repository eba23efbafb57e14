import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ORG_TYPES, type OrgType } from '../../common/org-types';
import { openConfiguredDatabase } from '../db/database';
import { migrateAsOwner } from '../db/migrate';
import { createDeps } from '../deps';
import { loadConfig } from '../env';
import { insertAccountWithGrant } from '../features/accounts/service';
import { recordAudit } from '../features/audit/record';
import { hashPassword } from '../features/auth/password';
import { insertOrg } from '../features/orgs/service';
import { findRegion } from '../features/regions/regions';
import { systemContext, withTransaction } from '../http/context';
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
const database = await openConfiguredDatabase(config);
try {
  await migrateAsOwner(config, database.pool);
  if (!(await isDatabaseEmpty(database.db))) fail('the database already has orgs; bootstrap only sets up an empty one');
  const password = `Gh-${randomBytes(9).toString('base64url')}1a`;
  const passwordHash = await hashPassword(password);
  await withTransaction(systemContext(await createDeps(config, database.db)), async (tx) => {
    const org = await insertOrg(tx, null, {
      name: values.name!,
      type: values.type as OrgType,
      region_code: values.region!,
    });
    await insertAccountWithGrant(tx, {
      orgId: org.id,
      username: values.admin!,
      displayName: '系统管理员',
      passwordHash,
      roleCode: 'national_admin',
      mustChangePassword: true,
    });
    await recordAudit(tx, {
      action: 'deployment.bootstrapped',
      entityType: 'org',
      entityId: org.id,
      orgPath: org.path,
    });
  });
  process.stdout.write(
    `Created root org "${values.name}" and administrator "${values.admin}".\nOne-time password (change it at first sign-in): ${password}\n`,
  );
} finally {
  await database.close();
}
