import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import type { TestProjectConfiguration } from 'vitest/config';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/**
 * Integration files that need a module graph of their own: their `vi.mock` cannot replace a module
 * an earlier file in the same worker already loaded (the app imports every feature). See ADR 0020;
 * server/testing/isolation.unit.test.ts checks every file that mocks a module is listed.
 */
export const OWN_MODULES = [
  'server/features/station-visits/station-visits.test.ts',
  'server/features/joins/application-no.test.ts',
];

/**
 * The integration suite on one database engine, as two projects: `<db>` runs its files one after
 * another in each worker with `isolate: false` (one fork and one import of the server per worker, not
 * per file), `<db>-isolated` runs OWN_MODULES a fork each. Module state must therefore be keyed by
 * the app or its database, never by an id a fresh database reuses (ADR 0020).
 */
const integration = (db: 'pglite' | 'postgres'): TestProjectConfiguration[] => {
  const base = {
    env: { GONGHUI_TEST_DB: db },
    globalSetup: [`server/testing/global-setup-${db}.ts`],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  };
  return [
    {
      test: {
        ...base,
        name: db,
        include: ['server/**/*.test.ts'],
        exclude: ['**/*.unit.test.ts', 'node_modules/**', ...OWN_MODULES],
        isolate: false,
      },
    },
    { test: { ...base, name: `${db}-isolated`, include: OWN_MODULES } },
  ];
};

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
      ...integration('pglite'),
      ...(process.env.TEST_DATABASE_URL ? integration('postgres') : []),
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
