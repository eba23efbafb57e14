import { join } from 'node:path';
import { openDatabase } from '../../db/database';
import { loadConfig } from '../../env';
import { formatChainReport, verifyAuditChain } from './verify';

/** `npm run audit:verify`: walks the audit log's hash chain; exits 1 naming the first broken row. */
const config = loadConfig();
const database = await openDatabase(
  config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl, max: 1 }
    : { kind: 'pglite', dataDir: join(config.dataDir, 'pg') },
);
try {
  const report = await verifyAuditChain(database.db);
  (report.ok ? process.stdout : process.stderr).write(formatChainReport(report));
  process.exitCode = report.ok ? 0 : 1;
} finally {
  await database.close();
}
