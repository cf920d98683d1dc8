import { defineConfig, devices } from '@playwright/test'

const port = Number(process.env.E2E_PORT ?? 3100)
/** E2E_TARGET=edge: the smoke (storefront, sign-in, cart, checkout) against the edge bundle in workerd, on PostgreSQL. */
const onEdge = process.env.E2E_TARGET === 'edge'

export default defineConfig({
  testDir: 'test/e2e',
  ...onEdge ? { testMatch: ['storefront.spec.ts', 'checkout.spec.ts'] } : {},
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // The edge bundle runs in one local workerd isolate: its smoke goes one test at a time.
  workers: onEdge ? 1 : 2,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        // Debian's Chromium: Playwright's own browser download is not available here.
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
        },
      },
    },
  ],
  webServer: {
    command: 'node test/support/serve-e2e.ts',
    url: `http://127.0.0.1:${port}/api/health/ready`,
    // The first run may build the production server.
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: { E2E_PORT: String(port), ...onEdge ? { E2E_TARGET: 'edge' } : {} },
  },
})
