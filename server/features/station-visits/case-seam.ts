import type { ProblemKind } from '../../../common/station-visits';
import type { Ctx } from '../../http/context';
import { openCase } from '../cases/open';

/** What the seam is told about a newly reported problem. */
export interface ReportedProblem {
  id: number;
  stationId: number;
  /** The station's owning union: it receives the case. */
  orgId: number;
  kind: ProblemKind;
  description: string;
  /** The reporter's phone to call back, when they left one (the case seals it). */
  phone: string | null;
}

/** The case subject (common/cases.ts, station_maintenance) of each kind of problem. */
const SUBJECTS: Record<ProblemKind, string> = {
  broken_appliance: 'equipment',
  closed_when_open: 'hours',
  unsafe: 'equipment',
  other: 'other',
};

/**
 * THE SEAM to the cases feature (DESIGN.md §2 C: "a 'microwave broken' report opens a maintenance
 * case"). Called by reportProblem inside the report's own transaction, so a case and its report
 * commit together or not at all: a `station_maintenance` case (驿站报修, GLOSSARY.md) received by
 * the station's owning union, through the cases feature's openCase (never its tables), with the
 * problem as its source.
 */
export async function openMaintenanceCase(tx: Ctx, problem: ReportedProblem): Promise<void> {
  if (!tx.db.isTransaction) throw new Error('openMaintenanceCase must run inside the report’s transaction');
  await openCase(tx, {
    kind: 'station_maintenance',
    subject: SUBJECTS[problem.kind],
    description: problem.description,
    channel: 'station',
    phone: problem.phone,
    anonymous: true,
    stationId: problem.stationId,
    receivingOrgId: problem.orgId,
    sourceRef: `station_problem:${problem.id}`,
  });
}
