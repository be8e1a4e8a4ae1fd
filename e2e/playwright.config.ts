import { defineConfig } from '@playwright/test';

// Debian's Chromium: a test tool's own browser download cannot work on these
// machines. RONDE_CHROMIUM points at another Chromium or Chrome binary.
const executablePath = process.env.RONDE_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './tests',
  outputDir: './.artifacts/results',
  // Each test starts its own server and several browser contexts; on two cores
  // one test at a time keeps timings honest.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  // Safety nets, not speed targets: the longest scenario (an IDM with five
  // people) takes over a minute on a loaded 2-core machine.
  timeout: 300_000,
  expect: { timeout: 30_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
