import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { findChainHead } from './sql';

/** The first row at which the audit chain breaks, as a reader can find it in the audit view. */
export interface BrokenLink {
  /** Position in the chain (chain_seq) where the break was found. */
  position: number;
  /** The row found there, or (for a removed row) the first row after the gap; absent when the tail was cut. */
  id?: number;
  at?: string;
  action?: string;
  problem: 'changed' | 'missing' | 'missing_at_end';
}

export type ChainReport = { ok: true; count: number; head: string } | { ok: false; count: number; broken: BrokenLink };

const GENESIS = '0'.repeat(64);
const BATCH = 1000;

interface ChainRow {
  id: number;
  at: Date;
  action: string;
  chain_seq: number;
  prev_hash: string;
  row_hash: string;
  canon: string;
}

/**
 * Walks the audit log in chain order and recomputes every hash here (not with the database's own
 * function, which whoever changed the rows could have changed too). A row whose hash does not
 * match its fields was changed; a gap in the positions or a prev_hash that is not the row before's
 * hash means rows were removed; the head must name the last row, or the tail was cut.
 */
export async function verifyAuditChain(db: Db): Promise<ChainReport> {
  let expectedSeq = 1;
  let prevHash = GENESIS;
  let count = 0;
  for (;;) {
    // The same canonical text as audit_row_canon() in the 2026-12-01T0900-audit-chain migration.
    const rows = (
      await sql<ChainRow>`
        SELECT id, at, action, chain_seq, prev_hash, row_hash,
          jsonb_build_array(id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), account_id,
            actor_label, ip, action, entity_type, entity_id, org_path::text, reason, details)::text AS canon
        FROM audit_log WHERE chain_seq >= ${expectedSeq} ORDER BY chain_seq LIMIT ${BATCH}`.execute(db)
    ).rows;
    for (const r of rows) {
      const where = { id: r.id, at: r.at.toISOString(), action: r.action };
      if (r.chain_seq !== expectedSeq || r.prev_hash !== prevHash)
        return { ok: false, count, broken: { position: expectedSeq, ...where, problem: 'missing' } };
      const hash = createHash('sha256')
        .update(r.prev_hash + r.canon, 'utf8')
        .digest('hex');
      if (hash !== r.row_hash)
        return { ok: false, count, broken: { position: r.chain_seq, ...where, problem: 'changed' } };
      prevHash = r.row_hash;
      expectedSeq++;
      count++;
    }
    if (rows.length < BATCH) break;
  }
  const head = await findChainHead(db);
  if (!head || head.seq !== count || head.hash !== prevHash)
    return { ok: false, count, broken: { position: expectedSeq, problem: 'missing_at_end' } };
  return { ok: true, count, head: prevHash };
}

/** The report in one line or two, for the command line. */
export function formatChainReport(report: ChainReport): string {
  if (report.ok) return `OK: ${report.count} audit rows, chain intact; head ${report.head}\n`;
  const b = report.broken;
  const row = b.id === undefined ? '' : `#${b.id} at ${b.at} (${b.action})`;
  const what =
    b.problem === 'changed'
      ? `row ${row} was changed after it was written`
      : b.problem === 'missing'
        ? `a row is missing before ${row}`
        : `rows after the last one (${b.position - 1}) are missing`;
  return `BROKEN at chain position ${b.position}: ${what}; the ${report.count} rows before it verify\n`;
}
