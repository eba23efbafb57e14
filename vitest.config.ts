import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import type { TestProjectConfiguration } from 'vitest/config';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const integration = (name: string, db: 'pglite' | 'postgres'): TestProjectConfiguration => ({
  test: {
    name,
    include: ['server/**/*.test.ts'],
    exclude: ['**/*.unit.test.ts', 'node_modules/**'],
    env: { GONGHUI_TEST_DB: db },
    globalSetup: [`server/testing/global-setup-${db}.ts`],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

/**
 * One run, several projects: pure unit tests, the integration suite on PGlite, the same
 * suite on PostgreSQL when TEST_DATABASE_URL is set, and browser journeys when Chromium is found.
 */
export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the CPUs: one, on the two-core machines CI runs
    // on, and the integration files wait mostly on their database, so two overlap well.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['common/**/*.test.ts', 'server/**/*.unit.test.ts', 'web/**/*.test.ts', 'scripts/**/*.test.ts'],
        },
      },
      integration('pglite', 'pglite'),
      ...(process.env.TEST_DATABASE_URL ? [integration('postgres', 'postgres')] : []),
      ...(existsSync(chromium) && process.env.GONGHUI_SKIP_E2E !== '1'
        ? [
            {
              test: {
                name: 'e2e',
                include: ['e2e/**/*.test.ts'],
                globalSetup: ['e2e/global-setup.ts'],
                env: { CHROMIUM_PATH: chromium },
                testTimeout: 90_000,
                hookTimeout: 180_000,
                // After the other projects (a group of their own), two journeys at a time: each has
                // its own product, port, data dir and browser (e2e/support.ts). See ADR 0020.
                sequence: { groupOrder: 1 },
                maxWorkers: 2,
              },
            },
          ]
        : []),
    ],
  },
});
