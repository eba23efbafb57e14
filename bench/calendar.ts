/**
 * `npm run bench:calendar`: due dates in process on the real calendar (official 2004–2026, the law's 2027–2028,
 * regional days), for the SLA sweep's scale (DESIGN.md §7: 1M open cases). 1M `dueAt` calls and 1M explained
 * `addWorkingDays` calls over random receipt moments in 2025–2027, N in 1..20 and a mix of regions. The reference,
 * timed in the same run over the same inputs, is the cheapest thing a due date could be: `new Date(from + n days)`.
 *
 *   npm run bench:calendar      (BENCH_CALENDAR_CALLS=1000000; 5 interleaved rounds, the best of each is reported)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { withComputedYears } from '../common/calendar/assemble';
import { dayFromCivil, startOfDay } from '../common/calendar/days';
import { addWorkingDays, dueAt } from '../common/calendar/due';
import type { CalendarDay } from '../common/calendar/types';
import { createWorkCalendar } from '../common/calendar/work-calendar';
import official from '../server/features/calendar/data/official-days.json' with { type: 'json' };
import { seededRandom } from './random';

const CALLS = Number(process.env.BENCH_CALENDAR_CALLS ?? 1_000_000);
const ROUNDS = 5;
const DAY = 86_400_000;

const buildStart = performance.now();
const cal = createWorkCalendar(withComputedYears(official.days as CalendarDay[], 2028));
const buildMs = performance.now() - buildStart;

// Inputs drawn once (fixed-seed, so runs compare): the loops time the calendar, not Math.random.
const { random } = seededRandom(20_261_201);
const lo = startOfDay(dayFromCivil(2025, 1, 1));
const hi = startOfDay(dayFromCivil(2028, 1, 1));
const REGIONS = [null, null, null, null, '110101', '450102', '650102', '540102'];
const froms: Date[] = [];
const ns = new Int32Array(CALLS);
const regions: Array<string | null> = [];
for (let i = 0; i < CALLS; i++) {
  froms.push(new Date(lo + Math.floor(random() * (hi - lo))));
  ns[i] = 1 + Math.floor(random() * 20);
  regions.push(REGIONS[Math.floor(random() * REGIONS.length)]!);
}

/** Nanoseconds per call of one pass; the checksum keeps the work from being optimised away. */
function pass(call: (i: number) => number): number {
  let checksum = 0;
  const start = performance.now();
  for (let i = 0; i < CALLS; i++) checksum += call(i);
  const ns = ((performance.now() - start) * 1e6) / CALLS;
  if (checksum === 42) console.log('');
  return ns;
}

const loops: Array<{ name: string; call: (i: number) => number }> = [
  { name: 'reference: new Date(from + n days)', call: (i) => new Date(froms[i]!.getTime() + ns[i]! * DAY).getTime() },
  { name: 'dueAt', call: (i) => dueAt(cal, froms[i]!, ns[i]!, regions[i]).getTime() },
  {
    name: 'addWorkingDays (explained)',
    call: (i) => addWorkingDays(cal, froms[i]!, ns[i]!, regions[i]).skipped.length,
  },
];
// Rounds take turns across the loops, so a moment of machine load hits all of them alike; the best round counts.
const best = loops.map(() => Number.POSITIVE_INFINITY);
for (let round = 0; round < ROUNDS; round++) {
  loops.forEach((loop, k) => (best[k] = Math.min(best[k]!, pass(loop.call))));
}
const reference = { name: loops[0]!.name, ns: best[0]! };
const fast = { name: loops[1]!.name, ns: best[1]! };
const explained = { name: loops[2]!.name, ns: best[2]! };

const rows = [reference, fast, explained].map((r) => ({ ...r, ratio: r.ns / reference.ns }));
console.log(
  `calendar: ${cal.years.length} years (${cal.years[0]!.year}–${cal.years.at(-1)!.year}), built in ${buildMs.toFixed(1)} ms`,
);
console.log(`${CALLS.toLocaleString('en')} calls each, best of ${ROUNDS} rounds, Node ${process.version}`);
for (const r of rows) {
  console.log(`${r.name.padEnd(36)} ${r.ns.toFixed(1).padStart(8)} ns/call  ×${r.ratio.toFixed(1)} reference`);
}
const sweepMs = (fast.ns * 1_000_000) / 1e6;
console.log(`1M open cases' due dates: ${sweepMs.toFixed(0)} ms (budget: the whole overdue sweep in ≤ 1 s)`);

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/calendar.json', import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, calls: CALLS, rounds: ROUNDS, build_ms: buildMs, rows }, null, 2)}\n`,
);
