-- The supervision sweep (server/features/cases/sweep-sql.ts) runs every 5 minutes over every open
-- case. Through cases_open_due alone an idle pass still walked every overdue (督办, 通报) and
-- due-soon (催办) case to find it marked already, and every open case for an emergency. Each
-- partial index below holds only the rows its step has yet to take (its predicate is the step's
-- condition that does not depend on the time), so a pass with nothing to do reads nothing.
-- The marks' updates leave a row's indexes; the cost is one index entry per open case and step.
CREATE INDEX cases_sweep_remind ON cases (due_at, id)
  WHERE category IN ('new', 'dispatched', 'in_progress') AND reminded_for IS DISTINCT FROM due_at;
CREATE INDEX cases_sweep_supervise ON cases (due_at, id)
  WHERE category IN ('new', 'dispatched', 'in_progress') AND supervised_for IS DISTINCT FROM due_at;
CREATE INDEX cases_sweep_publicise ON cases (due_at, id)
  WHERE category IN ('new', 'dispatched', 'in_progress') AND publicised_for IS DISTINCT FROM due_at;
CREATE INDEX cases_sweep_emergency ON cases (due_at, id)
  WHERE category = 'new' AND emergency AND (supervised_for IS NULL OR supervised_for < dispatch_due_at);
