// Browser tests: Debian's Chromium (never a Playwright browser download), against
// the release build in dist/ served statically under a sub-path.
import { defineConfig } from '@playwright/test';
import { CHROME, CHROME_ARGS } from './tests/chromium.mjs';

// WAYMARK_DIST / WAYMARK_PORT let several builds be tested side by side.
const PORT = Number(process.env.WAYMARK_PORT ?? 4173);
const DIST = process.env.WAYMARK_DIST ?? 'dist';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/waymark/`,
    viewport: { width: 1366, height: 768 },
    launchOptions: {
      executablePath: CHROME,
      args: CHROME_ARGS,
    },
  },
  webServer: {
    command: `node tests/serve.mjs --root ${DIST} --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/waymark/`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
