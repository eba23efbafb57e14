/**
 * Test support, preloaded (`node --import`) by e2e/support.ts startProduct({ clockShiftDays }): the
 * product's process lives GONGHUI_E2E_CLOCK_SHIFT_MS in the future. `Date.now()` and `new Date()`
 * move, and with them everything that reads the time through them — the job runner's cron slots,
 * the sweeps' "now", sessions, and the embedded database's now() (PGlite's clock calls Date.now()).
 * Never loaded by the product itself.
 */
const shift = Number(process.env.GONGHUI_E2E_CLOCK_SHIFT_MS ?? 0);
if (!Number.isFinite(shift)) throw new Error('GONGHUI_E2E_CLOCK_SHIFT_MS is not a number');
if (shift !== 0) {
  const RealDate = globalThis.Date;
  const realNow = RealDate.now.bind(RealDate);
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(realNow() + shift);
      else super(...args);
    }
    static now() {
      return realNow() + shift;
    }
  }
  globalThis.Date = ShiftedDate;
}
