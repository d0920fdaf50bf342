// Shared set-up for the end-to-end tests: Debian's Chromium driven by playwright-core,
// against the release build that `cargo xtask test` serves (RECDESK_URL).
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const APP_URL = process.env.RECDESK_URL ?? 'http://127.0.0.1:8080/';
export const ARTIFACTS = process.env.RECDESK_ARTIFACTS ?? 'tests/artifacts';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchBrowser() {
  // A fresh profile each time: nothing from an earlier run can leak into a test.
  const profile = mkdtempSync(join(tmpdir(), 'recdesk-e2e-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.RECDESK_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1200, height: 800 },
  });
}

/**
 * Opens the app in a new page and records every console error or warning, uncaught
 * exception and failed request, so a test can assert that there were none.
 */
export async function openApp(context) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  const response = await page.goto(APP_URL);
  await page.getByRole('heading', { name: 'Record Desk' }).waitFor();
  return { page, problems, response };
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
