import { defineConfig } from 'vitest/config';

// Three projects with different real parts: unit (pure, in-memory fakes allowed), integration
// (real TCP printer on loopback, socat ptys, PGlite/PostgreSQL), e2e (Debian Chromium via
// playwright-core with a persistent profile). They run one after another from `npm test`.
// Every project: a test without an assertion fails (see tests/support/require-assertions.ts).
const setupFiles = ['tests/support/require-assertions.ts'];

export default defineConfig({
  test: {
    coverage: {
      provider: 'v8',
      include: ['shared/**/*.ts'],
      exclude: ['shared/**/*.test.ts', 'shared/**/index.ts', 'shared/**/*.d.ts'],
      reporter: ['text-summary', 'json-summary'],
      thresholds: { lines: 90 },
    },
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'shared/**/*.test.ts',
            'src-*/**/*.test.{ts,tsx}',
            'tests/unit/**/*.test.{ts,tsx}',
          ],
          environment: 'node',
          setupFiles,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          setupFiles,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // The central server (src-server) over real HTTP on port 0: PGlite in memory by
        // default, a real PostgreSQL when SERVER_TEST_DATABASE_URL is set
        // (scripts/with-postgres.mjs starts a throwaway cluster and sets it).
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
          setupFiles,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // Each attack on the till reproduced and refused (issue 8): real bridge, real files.
        test: {
          name: 'security',
          include: ['tests/security/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          setupFiles,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
