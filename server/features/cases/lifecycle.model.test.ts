/**
 * A model-based test of the case lifecycle (issue 9): random sequences of steps by random actors
 * against a small model written independently of common/cases.ts. After every step: the case is in
 * the model's category, a refused step changed nothing, every change has its event, the deadline
 * never lies before receipt; at the end the rates counted from the events equal the model's.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CaseAction, CaseCategory, CaseRole } from '../../../common/cases';
import { AppError } from '../../../common/errors';
import { systemContext, withTransaction } from '../../http/context';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { buildWorld, type World } from '../orgs/orgs.factories';
import { buildCase, stepCase } from './cases.factories';
import { rateByRequester } from './steps';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(() => t.close());

interface Model {
  cat: CaseCategory;
  pending: 'extension' | 'park' | null;
  rating: 'satisfied' | 'basically' | 'unsatisfied' | null;
  // What the three rates count, kept by the model.
  dispatched: boolean;
  signed: boolean;
  closed: boolean;
}

/** The model: which role may take which step from which category, and where it goes (DESIGN.md §4.4 read afresh). */
function modelStep(m: Model, action: CaseAction, role: CaseRole): Model | null {
  const is = (...cats: CaseCategory[]) => cats.includes(m.cat);
  const next = (patch: Partial<Model>) => ({ ...m, ...patch });
  switch (action) {
    case 'answer':
      return role === 'dispatcher' && is('new') ? next({ cat: 'closed', closed: true }) : null;
    case 'dispatch':
      return role === 'dispatcher' && is('new', 'dispatched')
        ? next({ cat: 'dispatched', dispatched: true, signed: false })
        : null;
    case 'sign':
      return role === 'handler' && is('dispatched') ? next({ cat: 'in_progress', signed: true }) : null;
    case 'return':
      return role === 'handler' && is('dispatched', 'in_progress')
        ? next({ cat: 'new', pending: null, signed: false })
        : null;
    case 'handle':
      return role === 'handler' && is('in_progress') ? m : null;
    case 'request_extension':
    case 'request_park':
      return role === 'handler' && is('in_progress') && m.pending === null
        ? next({ pending: action === 'request_park' ? 'park' : 'extension' })
        : null;
    case 'approve_extension':
    case 'deny_extension':
      return role === 'dispatcher' && is('in_progress') && m.pending === 'extension' ? next({ pending: null }) : null;
    case 'approve_park':
      return role === 'dispatcher' && is('in_progress') && m.pending === 'park'
        ? next({ cat: 'waiting', pending: null })
        : null;
    case 'deny_park':
      return role === 'dispatcher' && is('in_progress') && m.pending === 'park' ? next({ pending: null }) : null;
    case 'resume':
      return (role === 'handler' || role === 'dispatcher') && is('waiting') ? next({ cat: 'in_progress' }) : null;
    case 'reply':
      return role === 'handler' && is('in_progress') ? next({ cat: 'resolved', pending: null }) : null;
    case 'review_pass':
      return role === 'dispatcher' && is('resolved') ? next({ cat: 'closed', closed: true }) : null;
    case 'review_reject':
      return role === 'dispatcher' && is('resolved') ? next({ cat: 'in_progress' }) : null;
    case 'reopen':
      return role === 'dispatcher' && is('closed') && m.rating === 'unsatisfied'
        ? next({ cat: 'in_progress', rating: null, closed: false })
        : null;
    case 'note':
      return role === 'dispatcher' || role === 'handler' || role === 'co_handler' ? m : null;
    default:
      return null;
  }
}

const STEPS: CaseAction[] = [
  'answer',
  'dispatch',
  'sign',
  'return',
  'handle',
  'request_extension',
  'approve_extension',
  'deny_extension',
  'request_park',
  'approve_park',
  'deny_park',
  'resume',
  'reply',
  'review_pass',
  'review_reject',
  'reopen',
  'note',
];
const ROLES: CaseRole[] = ['dispatcher', 'handler', 'co_handler'];

type Move = { kind: 'step'; action: CaseAction; role: CaseRole } | { kind: 'rate'; rating: Model['rating'] & string };
const move: fc.Arbitrary<Move> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('step' as const),
      action: fc.constantFrom(...STEPS),
      role: fc.constantFrom(...ROLES),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('rate' as const),
      rating: fc.constantFrom('satisfied' as const, 'basically' as const, 'unsatisfied' as const),
    }),
  },
);

const BODY: Partial<Record<CaseAction, Record<string, unknown>>> = {
  request_extension: { days: 2 },
};

it('random steps by random actors keep the case, its events and its rates in step with the model', async () => {
  const totals = { dispatched: 0, signed: 0, closed: 0, resolvedByRequester: 0, rated: 0, satisfied: 0 };
  const caseIds: number[] = [];
  await fc.assert(
    fc.asyncProperty(fc.array(move, { minLength: 4, maxLength: 14 }), async (moves) => {
      const received = new Date();
      const { id } = await buildCase(t, { receivingOrgId: w.sucheng.id, kind: 'complaint', subject: 'wage_arrears' });
      caseIds.push(id);
      let m: Model = { cat: 'new', pending: null, rating: null, dispatched: false, signed: false, closed: false };
      let changes = 1;
      for (const mv of moves) {
        const before = await t.db
          .selectFrom('cases')
          .select(['version', 'category'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        let ok = true;
        try {
          if (mv.kind === 'rate') {
            await withTransaction(systemContext(t.deps), (tx) =>
              rateByRequester(tx, id, { rating: mv.rating, resolved: mv.rating !== 'unsatisfied', reason: '评价理由' }),
            );
          } else {
            const body = {
              reason: '理由',
              ...(mv.action === 'dispatch' ? { org_id: w.street.id } : {}),
              ...BODY[mv.action],
            };
            await stepCase(t, id, mv.action, mv.role, body);
          }
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          ok = false;
        }
        const expected =
          mv.kind === 'rate'
            ? m.cat === 'closed' && m.rating === null
              ? { ...m, rating: mv.rating }
              : null
            : modelStep(m, mv.action, mv.role);
        expect(ok, `${JSON.stringify(mv)} from ${m.cat}`).toBe(expected !== null);
        const after = await t.db
          .selectFrom('cases')
          .select(['version', 'category', 'pending_request', 'rating', 'due_at', 'received_at'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        if (expected) {
          m = expected;
          changes++;
        } else {
          expect(after.version).toBe(before.version);
        }
        expect(after.category).toBe(m.cat);
        expect(after.pending_request).toBe(m.pending);
        expect(after.rating).toBe(m.rating);
        expect(after.due_at.getTime()).toBeGreaterThan(after.received_at.getTime());
        expect(after.due_at.getTime()).toBeGreaterThan(received.getTime());
      }
      const events = await t.db.selectFrom('case_events').select('action').where('case_id', '=', id).execute();
      expect(events.length).toBe(changes);
      totals.dispatched += m.dispatched ? 1 : 0;
      totals.signed += m.signed ? 1 : 0;
      totals.closed += m.closed ? 1 : 0;
      if (m.rating) {
        totals.rated++;
        totals.satisfied += m.rating === 'satisfied' ? 1 : 0;
        totals.resolvedByRequester += m.rating !== 'unsatisfied' ? 1 : 0;
      }
    }),
    { numRuns: 25 },
  );
  // The rates' numbers as the case rows hold them equal the model's.
  const rows = await t.db
    .selectFrom('cases')
    .select(['dispatched_at', 'handling_org_id', 'signed_on_time', 'closed_at', 'rating', 'rating_resolved'])
    .where('id', 'in', caseIds)
    .execute();
  expect(rows.filter((r) => r.signed_on_time !== null).length).toBe(totals.signed);
  expect(rows.filter((r) => r.closed_at !== null).length).toBe(totals.closed);
  expect(rows.filter((r) => r.rating !== null).length).toBe(totals.rated);
  expect(rows.filter((r) => r.rating === 'satisfied').length).toBe(totals.satisfied);
  expect(rows.filter((r) => r.rating_resolved === true).length).toBe(totals.resolvedByRequester);
}, 240_000);
