import { defineConfig } from 'vitest/config';

// One runner for every package; each package keeps its own environment.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'domain',
          include: ['packages/domain/**/*.test.ts'],
          exclude: ['packages/domain/test/*.fuzz.test.ts', '**/node_modules/**'],
          environment: 'node',
          // A safety net for a loaded machine.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'domain-fuzz',
          include: ['packages/domain/test/*.fuzz.test.ts'],
          environment: 'node',
          // The seeded fuzz runs CI's 100 seeds in 5–60 s on a quiet machine;
          // its timeout is a safety net for a loaded one, never a speed target.
          testTimeout: 300_000,
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
          // The bench's own arithmetic; the bench itself runs in `pnpm check` (smoke).
          name: 'bench',
          include: ['bench/src/**/*.test.ts'],
          environment: 'node',
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
