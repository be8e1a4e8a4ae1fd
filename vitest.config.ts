import { defineConfig } from 'vitest/config';

// One runner for every package; each package keeps its own environment.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'domain',
          include: ['packages/domain/**/*.test.ts'],
          environment: 'node',
          // A safety net for a loaded machine; the seeded fuzz tests set their own.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'server',
          include: ['apps/server/**/*.test.ts'],
          environment: 'node',
          // CI's DATABASE_URL and REDIS_URL reach only the tests that ask for them.
          setupFiles: ['apps/server/test/serviceEnv.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'web',
          include: ['apps/web/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['apps/web/src/testSetup.ts'],
          testTimeout: 30_000,
        },
      },
    ],
    allowOnly: false,
  },
});
