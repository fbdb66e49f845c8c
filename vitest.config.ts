import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/server/domain/**/*.test.ts', 'src/shared/**/*.test.ts', 'src/server/**/*.unit.test.ts'],
          environment: 'node',
          // Property tests run hundreds of cases; on a loaded 2-core CI machine 5 s is not enough.
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src/server/modules/**/*.test.ts', 'src/server/jobs/**/*.test.ts', 'src/cli/**/*.test.ts', 'test/integration/**/*.test.ts'],
          exclude: ['**/*.unit.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // PGlite peaks near 1 GB while opening; two workers fit the 2-core machine.
          maxWorkers: 2,
        },
      },
    ],
  },
});
