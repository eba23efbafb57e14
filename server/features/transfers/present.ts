import type { Static } from '@sinclair/typebox';
import type { TransferView } from '../../../common/api/transfers';
import { workingDaysBetween } from '../../../common/calendar/due';
import { dayOfInstant, isoFromDay } from '../../../common/calendar/days';
import type { WorkCalendar } from '../../../common/calendar/work-calendar';
import { maskName } from '../../../common/id-number';
import { TRANSFER_ANSWER_WORKING_DAYS } from '../../../common/members';
import type { Ctx } from '../../http/context';
import { currentCalendar } from '../calendar/state';
import { canAnswerTransfer, canSendTransfer } from './policy';
import type { TransferRow } from './sql';

/** The last working day an answer is due on: the day whose end is `dueAt`. */
export const dueDateOf = (dueAt: Date) => isoFromDay(dayOfInstant(dueAt.getTime() - 1));

/** Working days the receiving union still has, counted on its region's calendar; 0 once overdue. */
function daysLeft(cal: WorkCalendar, row: TransferRow, now: Date): number | null {
  if (row.state !== 'pending') return null;
  try {
    const elapsed = workingDaysBetween(cal, new Date(row.created_at), now, row.to_region_code);
    return Math.max(0, TRANSFER_ANSWER_WORKING_DAYS - elapsed);
  } catch {
    // A receipt outside the calendar's years (not one the app makes): say nothing rather than guess.
    return null;
  }
}

/**
 * Presents transfers to the caller: the member masked, the due date and the working days left on
 * the calendar, and what this caller may do (the worker cancels their own; a cadre answers or
 * cancels by policy).
 */
export async function presentTransfers(
  ctx: Ctx,
  rows: readonly TransferRow[],
  now = new Date(),
): Promise<Array<Static<typeof TransferView>>> {
  const { cal } = await currentCalendar(ctx);
  const actor = ctx.actor;
  return rows.map((row) => {
    const open = row.state === 'pending';
    const dueAt = new Date(row.due_at);
    return {
      id: Number(row.id),
      member_id: Number(row.member_id),
      member_no: row.member_no,
      name_masked: maskName(row.member_name),
      id_masked: row.id_masked,
      from_org: { id: row.from_org_id, name: row.from_org_name },
      to_org: { id: row.to_org_id, name: row.to_org_name },
      requested_by: row.requested_by,
      reason: row.reason,
      state: row.state,
      auto_accepted: row.auto_accepted,
      refusal_reason: row.refusal_reason,
      cancelled_by: row.cancelled_by,
      created_at: new Date(row.created_at).toISOString(),
      due_at: dueAt.toISOString(),
      due_date: dueDateOf(dueAt),
      days_left: daysLeft(cal, row, now),
      decided_at: row.decided_at ? new Date(row.decided_at).toISOString() : null,
      version: row.version,
      can_answer: open && actor?.kind === 'account' && canAnswerTransfer(actor, row.to_path),
      can_cancel:
        open && (actor?.kind === 'worker' || (actor?.kind === 'account' && canSendTransfer(actor, row.from_path))),
    };
  });
}
