import { defineConfig } from '@playwright/test';
import { BODY_SIZE_LIMIT_BYTES } from './src/lib/shared/limits.ts';
import { BILLING_PORT, BILLING_URL, STRIPE_ENV, STRIPE_PORT, STRIPE_URL } from './tests/e2e/billing-env.ts';

const PORT = Number(process.env.E2E_PORT ?? 4173);
const BASE_URL = `http://127.0.0.1:${PORT}`;
// The caller (scripts/test-all.sh) resets and demo-seeds this database before Playwright runs.
const DATABASE_URL =
  process.env.E2E_DATABASE_URL ?? 'postgresql://postgres:postgres@127.0.0.1:5432/batchtrack_e2e_test';

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: process.env.CI
    ? [['list'], ['json', { outputFile: 'reports/e2e.json' }]]
    : [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      // Debian's chromium (apt-get install chromium); Playwright cannot download its own browser here.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless=new',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-default-apps',
        '--disable-extensions',
      ],
    },
  },
  webServer: [
    {
      command: 'node build/index.js',
      url: `${BASE_URL}/login`,
      env: {
        PORT: String(PORT),
        HOST: '127.0.0.1',
        ORIGIN: BASE_URL,
        DATABASE_URL,
        // As scripts/start.ts: the largest CSV import fits (src/lib/shared/limits.ts).
        BODY_SIZE_LIMIT: String(BODY_SIZE_LIMIT_BYTES),
      },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
    },
    // Billing on (tests/e2e/billing-env.ts): the Stripe stand-in and a second app server that uses it.
    {
      command: `node tests/support/stripe-stand-in.ts --port ${STRIPE_PORT} --webhook ${BILLING_URL}/api/webhooks/stripe --secret ${STRIPE_ENV.STRIPE_WEBHOOK_SECRET}`,
      url: `${STRIPE_URL}/v1/prices`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: 'node build/index.js',
      url: `${BILLING_URL}/login`,
      env: {
        PORT: String(BILLING_PORT),
        HOST: '127.0.0.1',
        ORIGIN: BILLING_URL,
        DATABASE_URL,
        BODY_SIZE_LIMIT: String(BODY_SIZE_LIMIT_BYTES),
        ...STRIPE_ENV,
      },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
    },
    {
      command: 'node worker/index.ts',
      wait: { stdout: /\[worker\] ready/ },
      env: { DATABASE_URL, WORKER_SCHEDULES: 'off', ...STRIPE_ENV },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
