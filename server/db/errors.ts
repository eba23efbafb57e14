/**
 * Whether a database error is a refusal by the unique index or constraint `constraint`
 * (PostgreSQL's unique_violation, 23505). A check that reads before it writes races a parallel
 * write; the index decides, and this names its refusal so a service can answer 409, never 500.
 */
export const isUniqueViolation = (err: unknown, constraint: string): boolean =>
  typeof err === 'object' &&
  err !== null &&
  (err as { code?: unknown }).code === '23505' &&
  (err as { constraint?: unknown }).constraint === constraint;
