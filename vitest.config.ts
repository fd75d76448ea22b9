import { defineConfig } from 'vitest/config';

// Three projects: unit (pure code), integration (real embedded PostgreSQL + real broker),
// e2e (the built app in Debian's chromium). `npm test` runs them all (scripts/test.mjs).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'tests/unit/**/*.test.ts', 'server/**/*.unit.test.ts', 'broker/**/*.unit.test.ts'],
          environment: 'node'
        }
      },
      {
        test: {
          name: 'integration',
          include: ['server/**/*.test.ts', 'broker/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          exclude: ['**/*.unit.test.ts', 'server/modules/units/reference/**', '**/node_modules/**'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000
        }
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
          fileParallelism: false
        }
      }
    ]
  }
});
