// Shared set-up for the end-to-end tests: Debian's Chromium driven by playwright-core,
// against the release build that `cargo xtask test` serves (RECDESK_URL).
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const APP_URL = process.env.RECDESK_URL ?? 'http://127.0.0.1:8080/';
export const ARTIFACTS = process.env.RECDESK_ARTIFACTS ?? 'tests/artifacts';

/** The flags every headless Chromium here starts with (also bench/browser.mjs). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** `options` go to playwright's launchPersistentContext, e.g. `{ serviceWorkers: 'block' }`. */
export async function launchBrowser(options = {}) {
  // A fresh profile each time: nothing from an earlier run can leak into a test.
  const profile = mkdtempSync(join(tmpdir(), 'recdesk-e2e-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.RECDESK_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1200, height: 800 },
    ...options,
    // Extra flags add to the standard ones.
    args: [...CHROMIUM_FLAGS, ...(options.args ?? [])],
  });
}

/** The app's own files, which the service worker (www/sw.js) keeps for offline use: the only
 * things Cache Storage may ever hold. */
export const STATIC_FILES = [
  'icon.svg', 'index.html', 'loader.js', 'manifest.webmanifest', 'recdesk_web.js', 'recdesk_web_bg.wasm',
  'recdesk_web_desk.js', 'recdesk_web_desk_bg.wasm', 'recdesk_web_reader.js', 'recdesk_web_reader_bg.wasm',
  'recdesk_web_qr.js', 'recdesk_web_qr_bg.wasm',
  'recdesk_web_pdf.js', 'recdesk_web_pdf_bg.wasm', 'style.css',
  'vci-issuers.json',
];

/** Everything in the page origin's Cache Storage: { cacheName: [{ url, body }] }. */
export function cacheContents(page) {
  return page.evaluate(async () => {
    const contents = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      contents[name] = [];
      for (const request of await cache.keys()) {
        contents[name].push({ url: request.url, body: await (await cache.match(request)).text() });
      }
    }
    return contents;
  });
}

/**
 * Records every console error or warning, uncaught exception and failed request of `page`, so a
 * test can assert that there were none.
 */
export function recordProblems(page) {
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  return problems;
}

/**
 * Opens the app (at `path`, e.g. '?kiosk') in a new page with its problems recorded. `beforeLoad`
 * runs on the page before it navigates (an init script, a route).
 */
export async function openApp(context, { path = '', beforeLoad } = {}) {
  const page = await context.newPage();
  const problems = recordProblems(page);
  await beforeLoad?.(page);
  const response = await page.goto(new URL(path, APP_URL).href);
  await page.getByRole('heading', { name: 'Record Desk' }).waitFor();
  return { page, problems, response };
}

/** Answers the wizard's current question with the choice labelled `label`, and continues. */
export async function choose(page, label) {
  await page.getByLabel(label, { exact: true }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
