import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// E2E runs against its own server: own port, own data directory (or own PostgreSQL database), a fixed demo
// clock, never a developer's running app (stack.md "Test isolation").
export const E2E_PORT = Number(process.env.GONGZHI_E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${E2E_PORT}`;

/** Debian's Chromium (Playwright cannot download its browser here), an explicit override, or Playwright's own. */
function chromiumPath(): string | undefined {
  if (process.env.PLAYWRIGHT_CHROMIUM_PATH) return process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (fs.existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  return undefined;
}

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export default defineConfig({
  testDir: "tests/e2e",
  workers: 2,
  retries: 0,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  timeout: 30_000,
  expect: { timeout: 7_000 },
  globalSetup: "./tests/e2e/global-setup.ts",
  globalTeardown: "./tests/e2e/global-teardown.ts",
  outputDir: "test-results",
  use: {
    baseURL,
    trace: "off",
    screenshot: "only-on-failure",
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  },
  projects: [
    {
      name: "chromium",
      testIgnore: /clock\.spec\.ts/,
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromiumPath(),
          args: CHROMIUM_ARGS,
        },
      },
    },
    {
      // Moves the shared demo clock: runs after every other test.
      name: "clock",
      testMatch: /clock\.spec\.ts/,
      dependencies: ["chromium"],
      // Each clock file moves the one shared clock: they run one after another, never side by side.
      workers: 1,
      use: { ...devices["Desktop Chrome"], launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS } },
    },
  ],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(E2E_PORT),
      GONGZHI_MODE: "demo",
      GONGZHI_NOW: "2026-03-02T09:00:00+08:00",
      GONGZHI_DATA_DIR: "tests/.tmp/e2e-data",
      GONGZHI_LOG_LEVEL: "warn",
    },
  },
});
