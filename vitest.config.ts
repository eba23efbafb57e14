import { existsSync } from 'node:fs';
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
                env: { CHROMIUM_PATH: chromium },
                testTimeout: 90_000,
                hookTimeout: 180_000,
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
  },
});
