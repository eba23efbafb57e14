import { writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * Writes the run's counts to SUMMARY_FILE for scripts/test.mjs. A file that fails to load
 * counts as a failure (vitest would otherwise show its tests only as skipped).
 */
export default class CountReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const counts = { passed: 0, failed: 0, skipped: 0, brokenFiles: [] as string[], unhandled: unhandledErrors.length };
    for (const mod of testModules) {
      if (mod.errors().length > 0) {
        counts.failed++;
        counts.brokenFiles.push(mod.moduleId);
        continue;
      }
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
    }
    counts.failed += counts.unhandled;
    if (process.env.SUMMARY_FILE) writeFileSync(process.env.SUMMARY_FILE, JSON.stringify(counts));
  }
}
