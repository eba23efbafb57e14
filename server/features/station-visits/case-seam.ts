import type { ProblemKind } from '../../../common/station-visits';
import type { Ctx } from '../../http/context';

/** What the seam is told about a newly reported problem. */
export interface ReportedProblem {
  id: number;
  stationId: number;
  /** The station's owning union: the case's fallback union (兜底). */
  orgId: number;
  kind: ProblemKind;
}

/**
 * THE SEAM to the cases feature (DESIGN.md §2 C: "a 'microwave broken' report opens a maintenance
 * case"). Called by reportProblem inside the report's own transaction, so a case and its report
 * will commit together or not at all. Today it does nothing: issue 9 turns this into a
 * `station_maintenance` case (驿站报修, GLOSSARY.md) for the owning union, through the cases
 * feature's service (never its tables), with the problem's id as the case's source.
 */
export async function openMaintenanceCase(tx: Ctx, problem: ReportedProblem): Promise<void> {
  if (!tx.db.isTransaction) throw new Error('openMaintenanceCase must run inside the report’s transaction');
  void problem;
}
