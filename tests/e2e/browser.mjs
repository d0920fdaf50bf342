// Shared set-up for the end-to-end tests: Debian's Chromium driven by playwright-core,
// against the release build that `cargo xtask test` serves (RECDESK_URL).
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
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
  'recdesk_web_pdf.js', 'recdesk_web_pdf_bg.wasm', 'recdesk_web_pdf_reader.js', 'recdesk_web_pdf_reader_bg.wasm',
  'style.css',
  'translations/es.json', 'translations/hmn.json', 'translations/so.json',
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

// Much of what the app shows comes after the action that asks for it: the reader and the desk are
// modules of their own, called asynchronously, and each screen is drawn after the click is handled.
// Playwright's actions (click, fill, check, waitFor) wait for what they act on; a read (innerText,
// inputValue, count, evaluate) takes the page as it is. So a test waits for what an action
// produces before it reads, with these.

/** Playwright's default timeout: only an upper bound on waiting for the page, never a wait itself. */
const TIMEOUT_MS = 30_000;
/** How often `eventually` reads again; how long it waits depends only on the page. */
const POLL_MS = 50;

/**
 * Reads `read()` until it gives `expected` (a value it must equal, or a RegExp it must match)
 * and returns that. If it never does within the timeout, fails as the assertion would, with
 * what it gave last.
 */
export async function eventually(read, expected, message) {
  const matches = (value) => (expected instanceof RegExp ? expected.test(value) : isDeepStrictEqual(value, expected));
  const deadline = Date.now() + TIMEOUT_MS;
  let value = await read();
  while (!matches(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    value = await read();
  }
  if (expected instanceof RegExp) assert.match(value, expected, message);
  else assert.deepEqual(value, expected, message);
  return value;
}

/** The text `locator` shows once it is (or matches) `expected`: see `eventually`. */
export const textMatching = (locator, expected, message) => eventually(() => locator.innerText(), expected, message);
/** The value of the field `locator` once it is (or matches) `expected`. */
export const valueMatching = (locator, expected, message) => eventually(() => locator.inputValue(), expected, message);
/** How many elements `locator` finds, once that is `expected`. */
export const countOf = (locator, expected, message) => eventually(() => locator.count(), expected, message);

/**
 * The headline of the reader's answer for what is entered now, once it has come. While text is
 * read again (it changed, or a card is checked again once the issuer directory has loaded) the
 * earlier answer stays on screen marked busy, and a card read before the directory loaded shows a
 * note that it is loading. For text typed or pasted, and for the first thing opened (an opening's
 * answer replaces the one on screen without marking it busy first).
 */
export async function readingHeadline(page) {
  const settled = page.locator('.reading-result[aria-busy="false"]:not(:has(#directory-note:not(.problem))) #reading-headline');
  await settled.waitFor();
  return settled.innerText();
}

/** What the loader fetches in the background once the first screen is up (www/loader.js), and
 * the issuer directory the intake screen fetches. */
const BACKGROUND_FILES = ['recdesk_web_reader_bg.wasm', 'recdesk_web_desk_bg.wasm', 'vci-issuers.json'];

/**
 * Waits until `page` has fetched the files it fetches in the background after the first screen,
 * except `blocked`: leaving the page while one is on its way would abort it (a failed request).
 */
export async function backgroundFetched(page, blocked = []) {
  const files = BACKGROUND_FILES.filter((file) => !blocked.includes(file));
  await page.waitForFunction((files) => files.every((file) => performance.getEntriesByType('resource')
    .some((entry) => new URL(entry.name).pathname.endsWith(`/${file}`))), files);
}

/**
 * Presses the wizard's button `name` and waits for the question it leads to: until the desk has
 * handled the click, the page still shows (and would take answers for) the question before.
 * For answers the wizard takes: a refused one stays on its question.
 */
export async function continueWizard(page, name = 'Continue') {
  const asked = await page.locator('#verify-question').textContent();
  await page.getByRole('button', { name, exact: true }).click();
  await page.waitForFunction((asked) => document.getElementById('verify-question')?.textContent !== asked, asked)
    .catch((error) => { throw new Error(`${name} did not move on from "${asked}"`, { cause: error }); });
}

/** Answers the wizard's current question with the choice labelled `label`, and continues to the next. */
export async function choose(page, label) {
  await page.getByLabel(label, { exact: true }).check();
  await continueWizard(page);
}

/**
 * Answers the identity question with the photo ID labelled `label`, confirming that the name on
 * it matches a name the record holds, and continues.
 */
export async function showPhotoId(page, label) {
  await page.getByLabel(label, { exact: true }).check();
  await page.getByLabel(/The name on the ID matches/).check();
  await continueWizard(page);
}

/**
 * From the record read to the decision (Confirm and decide pressed), for its first patient:
 * `staff` releases it to `requester`, who showed `identity` and `documents` and wants the copy
 * for `purpose`; or, with `organization`, to an organization that sent a signed request on
 * letterhead and serves the patient.
 */
export async function decide(page, { staff = 'Dana Front', requester, identity = "driver's licence", documents = [], purpose, organization }) {
  await page.getByRole('button', { name: /verify the requester/i }).first().click();
  await page.getByLabel('Your name', { exact: true }).fill(staff);
  await continueWizard(page);
  await choose(page, requester);
  if (organization) {
    await choose(page, 'signed request on letterhead');
    await choose(page, 'Yes');
  } else {
    await showPhotoId(page, identity);
    if (documents.length) {
      for (const d of documents) await page.getByLabel(d, { exact: true }).check();
      await continueWizard(page);
      await choose(page, 'no court order known');
      // Asked when the patient is a minor of the review age (12) or older.
      if (/live apart from their parents/.test(await page.locator('#verify-question').innerText())) await choose(page, 'no, none of these');
    }
    await choose(page, purpose);
    // Asked whenever someone acting for the patient asks.
    if (/order for protection/.test(await page.locator('#verify-question').innerText())) await choose(page, 'No');
  }
  // Whether MIIC's lock is asked about depends on the answers.
  if (/locked/.test(await page.locator('#verify-question').innerText())) await choose(page, 'No');
  await page.getByRole('button', { name: 'Confirm and decide' }).click();
}

/**
 * The adult patient asking for their own record with a driver's licence, up to the decision:
 * the shortest path through the wizard to a full copy.
 */
export const decideAdultOwnRecord = (page, staff) =>
  decide(page, { staff, requester: 'the patient (18 or older)', purpose: 'for the patient or family to keep' });

/**
 * Runs `use({ page, problems, unblock })` on the app in a browser with no service worker (so a
 * blocked module cannot come from its cache) where requests for the module file `wasmFile` fail
 * until `unblock()`. Returns the problems other than the blocked requests and the blocked
 * service worker, and how many of the module's requests failed.
 */
export async function withModuleBlocked(wasmFile, use) {
  const isolated = await launchBrowser({ serviceWorkers: 'block' });
  try {
    let block = true;
    const escaped = wasmFile.replaceAll('.', '\\.');
    const { page, problems } = await openApp(isolated, {
      beforeLoad: (page) => page.route(new RegExp(`${escaped}$`), (route) => (block ? route.abort() : route.continue())),
    });
    await use({ page, problems, unblock: () => { block = false; } });
    await backgroundFetched(page, [wasmFile]);
    await page.close();
    const expected = (p) => p.includes(wasmFile) || /Failed to load resource: net::ERR_FAILED|Service Worker registration blocked/.test(p);
    return {
      otherProblems: problems.filter((p) => !expected(p)),
      failedRequests: problems.filter((p) => p.startsWith('request failed: ') && p.includes(wasmFile)).length,
    };
  } finally {
    await isolated.close();
  }
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Downloads a PDF from the review to ARTIFACTS/`name` (the copy's, unless `button` names another);
 * its suggested file name and its text (pdftotext).
 */
export async function downloadedPdf(page, name, button = /^Download the (?!chart note).* as PDF$/) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = join(ARTIFACTS, name);
  await download.saveAs(path);
  // `raw`: in the order the PDF draws it, a table row by row (the layout text puts columns side by side).
  const read = (args) => execFileSync('pdftotext', [...args, path, '-'], { encoding: 'utf8' });
  return { fileName: download.suggestedFilename(), text: read([]), raw: read(['-raw']) };
}

/**
 * The page as Chromium prints it (the print view), saved to ARTIFACTS/`name`.pdf and read back with
 * pdftotext `mode` ('-layout': columns side by side; '-raw': in drawing order).
 */
export async function printedText(page, name, mode = '-layout') {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.emulateMedia({ media: 'print' });
  const path = join(ARTIFACTS, `${name}.pdf`);
  writeFileSync(path, await page.pdf({ format: 'Letter' }));
  await page.emulateMedia({ media: 'screen' });
  return execFileSync('pdftotext', [mode, path, '-'], { encoding: 'utf8' });
}

// An adult (born 1985) with an address and one dose; the minor is vxu-complete.hl7 (born 2019,
// mother Nguyễn Mai, a hepatitis B dose).
export const ADULT_RECORD = [
  'MSH|^~\\&|MYEHR|CLINIC|MIIC|MDH|20251001090000-0500||VXU^V04^VXU_V04|VXU-A1|P|2.5.1',
  'PID|1||MRN-9^^^CLINIC^MR||López-García^Ana María^^^^^L||19850314|F|||500 Oak Ave^^Saint Paul^MN^55102^USA^H',
  'ORC|RE||B1^CLINIC',
  'RXA|0|1|20250915|20250915|88^Influenza, unspecified formulation^CVX|0.5|mL^mL^UCUM||00^New record^NIP001||||||||||CP|A',
].join('\r');

/** Fails unless `text` holds every one of `values`. */
export function assertHasAll(text, values, where = 'the text') {
  for (const value of values) assert.ok(text.includes(value), `${where} lacks "${value}":\n${text}`);
}

/**
 * A stand-in for the app's web server that can be switched off: forwards to APP_URL, except that
 * `files` (path → body) are answered here, e.g. a clinic's settings.json.
 */
export async function startRelay(files = {}) {
  const upstream = new URL(APP_URL);
  const server = createServer((incoming, outgoing) => {
    const own = files[incoming.url.split('?')[0]];
    if (own !== undefined) {
      outgoing.writeHead(200, { 'content-type': 'application/json' });
      outgoing.end(own);
      return;
    }
    const forwarded = httpRequest(
      { host: upstream.hostname, port: upstream.port, path: incoming.url, method: incoming.method, headers: incoming.headers },
      (answer) => { outgoing.writeHead(answer.statusCode, answer.headers); answer.pipe(outgoing); },
    );
    forwarded.on('error', () => { outgoing.writeHead(502); outgoing.end(); });
    incoming.pipe(forwarded);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const stop = () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); });
  return { url: `http://127.0.0.1:${server.address().port}/`, stop };
}
