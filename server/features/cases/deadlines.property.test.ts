/**
 * The deadline arithmetic through the case engine (issue 9): for any receipt moment, kind and tier,
 * a case's deadline is the kind's limit × the tier's factor in working days on the calendar —
 * never before receipt, exactly that many working days elapse by it, its last day is a working day,
 * and the explanation the console shows counts the same days.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isoFromDay, dayOfInstant } from '../../../common/calendar/days';
import { workingDaysBetween } from '../../../common/calendar/due';
import { isWorkday } from '../../../common/calendar/work-calendar';
import { CASE_KINDS, CASE_SUBJECTS, CASE_TIERS, DEFAULT_CASE_SETTINGS, TIER_FACTOR } from '../../../common/cases';
import { systemContext } from '../../http/context';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn } from '../auth/auth.factories';
import { currentCalendar } from '../calendar/state';
import { buildWorld, type World } from '../orgs/orgs.factories';
import { buildCase, stepCase } from './cases.factories';

let t: TestApp;
let w: World;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  cookie = await signIn(t, (await buildAccount(t, { org: w.sucheng, role: 'org_admin' })).username);
});
afterAll(() => t.close());

// Receipts from 2025 to the end of 2027 (2027 computed from the law, provisional).
const FROM = Date.parse('2025-01-01T00:00:00+08:00');
const TO = Date.parse('2027-12-01T00:00:00+08:00');

it('every deadline is the limit × the tier in working days after receipt, and explains itself', async () => {
  const { cal } = await currentCalendar(systemContext(t.deps));
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: FROM, max: TO }),
      fc.constantFrom(...CASE_KINDS),
      fc.constantFrom(...CASE_TIERS),
      fc.boolean(),
      async (ms, kind, tier, dispatched) => {
        const received = new Date(ms);
        const { id } = await buildCase(t, {
          receivingOrgId: w.sucheng.id,
          kind,
          subject: CASE_SUBJECTS[kind][0],
          tier,
          regionCode: '321302',
          now: received,
        });
        if (dispatched) await stepCase(t, id, 'dispatch', 'dispatcher', { org_id: w.street.id }, received);
        const view = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: { cookie } })).json();
        const n = DEFAULT_CASE_SETTINGS.limits[kind] * TIER_FACTOR[tier];
        const due = new Date(view.due_at);
        expect(due.getTime()).toBeGreaterThan(received.getTime());
        expect(workingDaysBetween(cal, received, due)).toBe(n);
        expect(workingDaysBetween(cal, received, new Date(due.getTime() - 1))).toBe(n - 1);
        const lastDay = isoFromDay(dayOfInstant(due.getTime() - 1));
        expect(view.due_date).toBe(lastDay);
        expect(isWorkday(cal, lastDay)).toBe(true);
        expect(view.due_explanation.working_days).toBe(n);
        expect(view.due_explanation.counted).toHaveLength(n);
        expect(view.due_explanation.due_date).toBe(lastDay);
        expect(view.due_explanation.provisional).toBe(lastDay >= '2027-01-01');
      },
    ),
    { numRuns: 40 },
  );
}, 120_000);
