#!/usr/bin/env node
// Browser benchmarks for Record Desk: what a user waits for, measured in headless Chromium.
//
//   node bench/browser.mjs --url http://127.0.0.1:8123/ --site target/site --out bench.json [--runs 7]
//
// README (browser benchmarks)
// ---------------------------
// Needs a running server (`cargo xtask serve --port 8123`) and the directory it serves (by
// default `target/site`, see xtask/src/site.rs), Debian's /usr/bin/chromium (RECDESK_CHROMIUM
// overrides it) and playwright-core from node_modules. Never `npx playwright install`.
//
// Each measurement is the median of --runs runs (min, max and every value are kept in --out):
//   cold_load_ms         a fresh browser profile (a new Chromium process) opens --url; time from
//                        navigation start to interactive. "Interactive" is the app's
//                        performance.mark('recdesk:interactive') (set once the first screen has
//                        rendered, web/app/src/app.rs); without it, the moment `#intake-text` exists
//                        and is enabled, seen by a MutationObserver installed with addInitScript.
//                        `method` says which was used.
//   cached_load_ms       the same profile after a first visit: once the service worker controls
//                        the page, its cache holds every app file and it answers a navigation,
//                        that page is closed and a new page opens --url (answered by the worker).
//   cached_offline_load_ms  the same again with the network cut (context.setOffline(true)).
//   paste_1000_ms        a generated HL7 v2.5.1 VXU^V04 with 1,000 doses: from setting
//                        `#intake-text` and dispatching `input` until `#reading-headline` reads
//                        "HL7 v2: 1 message, 1 patient record, 1000 immunizations.", then the next
//                        frame (so style, layout and paint are in; `dom_all` stops at the DOM).
//   review_1000_ms       the wizard walked untimed, then from clicking "Continue: review the copy"
//                        until `#print-copy` shows its first dose rows (the review is drawn in
//                        steps, the first screenful first), then the next frame;
//   review_1000_all_ms   ... until it holds all 1,000 dose rows, then the next frame.
//   pdf_300_first_ms     a 300-dose record in review: from the click on the "… as PDF" button
//                        to Playwright's download event, for the page's first PDF (this fetches
//                        and compiles the lazily loaded PDF module) ...
//   pdf_300_warm_ms      ... and for its second and later PDFs (3 per run).
//   copy_30_first_ms     a 30-dose record, the patient's copy as the review opens: the app's own
//                        performance measure of building it ('recdesk:copy': redaction, the CDSi
//                        evaluation, what is due, the layout model);
//   copy_30_status_ms    the same copy when grade K is asked (the school status added), and
//   copy_30_no_status_ms when the grade is taken back: the difference is what the status adds.
// Paste, review and PDF runs each use a fresh profile with the service worker blocked, so the
// worker's background precache (several MB) never competes with the timed work, and the first
// PDF always includes fetching the module over the network.
// Sizes: every file the first screen loaded (the document and the resource timing entries that
// started before interactive), what loaded later during these runs (issuer directory, PDF
// module...), and the site files no run asked for (the QR module, the service worker...), each
// with its raw and gzip -9 size computed from the file in --site.
// Console errors and warnings, uncaught exceptions and failed requests are printed as warnings
// and kept under "warnings" in --out.
// The machine is shared: medians of 7 runs are stable to a few per cent at best; compare runs
// made on the same machine under the same load (the load average is recorded).
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, readFileSync, writeFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { CHROMIUM_FLAGS, decideAdultOwnRecord } from '../tests/e2e/browser.mjs';

const USAGE = 'usage: node bench/browser.mjs --url URL --site DIR --out FILE [--runs N] [--timeout SECONDS]';

// The same Chromium set-up as the end-to-end tests.
const CHROMIUM = process.env.RECDESK_CHROMIUM ?? '/usr/bin/chromium';
// Files of the site that are not the app (see NOT_PRECACHED in xtask/src/site.rs).
const NOT_PRECACHED = ['sw.js', '_headers'];
const MARK = 'recdesk:interactive';
const METHOD_MARK = `performance mark '${MARK}' (startTime)`;
const METHOD_TEXTAREA = '#intake-text exists and is enabled (MutationObserver from addInitScript, performance.now())';
const PASTE_DOSES = 1000;
const PDF_DOSES = 300;
const ANSWER_DOSES = 30;
const WARM_PDFS = 3;

// ---------------------------------------------------------------------------------------------
// Arguments

let options;
try {
  ({ values: options } = parseArgs({
    options: {
      url: { type: 'string' },
      site: { type: 'string' },
      out: { type: 'string' },
      runs: { type: 'string', default: '7' },
      timeout: { type: 'string', default: '60' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  fail(`${error.message}\n${USAGE}`);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!options.url || !options.site || !options.out) fail(USAGE);
const URL_ = new URL(options.url).href;
const SITE = resolve(options.site);
const RUNS = Number.parseInt(options.runs, 10);
const TIMEOUT = Number.parseFloat(options.timeout) * 1000;
if (!(RUNS >= 1)) fail(`--runs must be a positive whole number, not "${options.runs}"`);
if (!(TIMEOUT > 0)) fail(`--timeout must be a positive number of seconds, not "${options.timeout}"`);
if (!existsSync(join(SITE, 'index.html'))) fail(`--site ${SITE} has no index.html: give the directory the server serves (e.g. target/site)`);
if (!existsSync(CHROMIUM)) fail(`no Chromium at ${CHROMIUM} (set RECDESK_CHROMIUM)`);

function fail(message) {
  console.error(`bench/browser.mjs: ${message}`);
  process.exit(2);
}

const warnings = [];
function warn(where, message) {
  warnings.push(`${where}: ${message}`);
  console.warn(`warning: [${where}] ${message}`);
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** `promise`, or a clear error naming `what` after `ms`. */
async function within(what, promise, ms = TIMEOUT) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } catch (error) {
    if (error.message.startsWith('timed out')) throw error;
    throw new Error(`${what}: ${error.message}`);
  } finally {
    clearTimeout(timer);
  }
}

/** A new Chromium with a fresh, empty profile; `close()` also deletes the profile. */
async function freshBrowser(extra = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'recdesk-bench-'));
  const context = await within('launching Chromium', chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1200, height: 800 },
    acceptDownloads: true,
    ...extra,
  }));
  context.setDefaultTimeout(TIMEOUT);
  await context.addInitScript(watchTextarea);
  // The first page of a persistent context is about:blank; later ones are made with newPage.
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Runs in every page before its scripts: notes when the intake textarea is there and enabled. */
function watchTextarea() {
  const ready = () => {
    const area = document.getElementById('intake-text');
    return area !== null && !area.disabled;
  };
  const observer = new MutationObserver(() => {
    if (window.__benchTextareaAt === undefined && ready()) {
      window.__benchTextareaAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
}

/** Prints (and keeps) a page's console errors and warnings, exceptions and failed requests. */
function watchProblems(page, where) {
  page.on('console', (message) => {
    // What serviceWorkers: 'block' (the paste and PDF runs) says by design.
    if (/^Service Worker registration blocked by Playwright/.test(message.text())) return;
    if (message.type() === 'error' || message.type() === 'warning') warn(where, `console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => warn(where, `uncaught: ${error.message}`));
  page.on('requestfailed', (request) => warn(where, `request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => {
    if (response.status() >= 400) warn(where, `HTTP ${response.status()} for ${response.url()}`);
  });
}

async function newPage(context, where) {
  const page = await context.newPage();
  watchProblems(page, where);
  return page;
}

/**
 * Waits for the page to be interactive and returns { ms, method, textareaMs }: the mark's
 * startTime when the app sets it, else when the textarea appeared (both from navigation start).
 */
async function interactive(page, where) {
  await within(`${where}: waiting for #intake-text to exist and be enabled`,
    page.waitForFunction(() => window.__benchTextareaAt !== undefined, null, { polling: 'raf', timeout: 0 }));
  // The mark is set in an effect just after the render that made the textarea.
  const mark = await page.waitForFunction(
    (name) => performance.getEntriesByName(name, 'mark')[0]?.startTime,
    MARK, { polling: 50, timeout: 2000 },
  ).then((handle) => handle.jsonValue()).catch(() => undefined);
  const textareaMs = await page.evaluate(() => window.__benchTextareaAt);
  return mark === undefined
    ? { ms: textareaMs, method: METHOD_TEXTAREA, textareaMs }
    : { ms: mark, method: METHOD_MARK, textareaMs };
}

/** Waits until nothing has been fetched for 500 ms, so closing the page aborts no request. */
async function settle(page, where) {
  await within(`${where}: waiting for the network to be idle`, page.waitForLoadState('networkidle'));
}

/** Resource timing of the page: the document and every resource, as { file, url, start, end }. */
function resources(page) {
  return page.evaluate(() => [
    ...performance.getEntriesByType('navigation'),
    ...performance.getEntriesByType('resource'),
  ].map((entry) => ({
    url: entry.name,
    kind: entry.entryType === 'navigation' ? 'document' : entry.initiatorType,
    start: entry.startTime,
    responseEnd: entry.responseEnd,
    domInteractive: entry.domInteractive,
    domContentLoaded: entry.domContentLoadedEventEnd,
  })));
}

/** The site file a URL names, or undefined for another origin or path. */
function siteFile(url) {
  const base = new URL(URL_);
  const target = new URL(url);
  if (target.origin !== base.origin || !target.pathname.startsWith(base.pathname)) return undefined;
  const path = decodeURIComponent(target.pathname.slice(base.pathname.length));
  return path === '' || path.endsWith('/') ? `${path}index.html` : path;
}

function stats(values, extra = {}) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  const round = (x) => Math.round(x * 10) / 10;
  return { median: round(median), min: round(sorted[0]), max: round(sorted.at(-1)), all: values.map(round), ...extra };
}

function methodOf(methods) {
  const distinct = [...new Set(methods)];
  return distinct.length === 1 ? distinct[0] : `mixed: ${distinct.map((m) => `${m} ×${methods.filter((x) => x === m).length}`).join('; ')}`;
}

// ---------------------------------------------------------------------------------------------
// The records

const VACCINES = [
  ['20', 'DTaP'], ['10', 'IPV'], ['03', 'MMR'], ['21', 'varicella'], ['08', 'Hep B, adolescent or pediatric'],
  ['83', 'Hep A, ped/adol, 2 dose'], ['116', 'rotavirus, pentavalent'], ['141', 'Influenza, seasonal, injectable'],
];

/** A valid HL7 v2.5.1 VXU^V04 for one adult patient with `doses` RXA doses (CR-separated). */
function vxu(doses) {
  const yyyymmdd = (date) => date.toISOString().slice(0, 10).replaceAll('-', '');
  const segments = [
    'MSH|^~\\&|BENCHEHR|CLINIC|MIIC|MDH|20240305101500-0600||VXU^V04^VXU_V04|BENCH-0001|P|2.5.1|||ER|AL|||||Z22^CDCPHINVS',
    'PID|1||MRN-BENCH^^^CLINIC^MR||Benchmark^Pat^Q^^^^L||19600115|F||2106-3^White^CDCREC|1 Main St^^Minneapolis^MN^55401^USA^H||^PRN^PH^^^612^5550100|||||||||2186-5^Not Hispanic^CDCREC||N',
  ];
  // One dose every 9 days from 1961: 1,000 doses end in 1985, well before today.
  const first = Date.UTC(1961, 0, 10);
  for (let i = 0; i < doses; i += 1) {
    const [cvx, name] = VACCINES[i % VACCINES.length];
    const date = yyyymmdd(new Date(first + i * 9 * 86_400_000));
    segments.push(
      `ORC|RE||B${i + 1}^CLINIC|||||||7777^Entered^Ellen|||||||||`,
      `RXA|0|1|${date}|${date}|${cvx}^${name}^CVX|0.5|mL^mL^UCUM||00^New immunization record^NIP001|1234^Shot^Sam^^^^^^^^^^^^|^^^CLINIC_MAIN||||LOT${i + 1}|19901231|MSD^Merck^MVX|||CP|A`,
      'RXR|C28161^Intramuscular^NCIT|LD^Left Deltoid^HL70163',
    );
  }
  return `${segments.join('\r')}\r`;
}
const headline = (doses) => `HL7 v2: 1 message, 1 patient record, ${doses} immunizations.`;

// ---------------------------------------------------------------------------------------------
// The measurements

/** Every file of the site (relative paths), for the "not loaded" list and the precache check. */
function siteFiles(dir = SITE) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? siteFiles(path) : [relative(SITE, path)];
  });
}

async function coldLoad(run) {
  const where = `cold load ${run}`;
  const browser = await freshBrowser();
  try {
    const page = await newPage(browser.context, where);
    const response = await within(`${where}: loading ${URL_}`, page.goto(URL_));
    if (!response?.ok()) throw new Error(`${where}: ${URL_} answered HTTP ${response?.status()}`);
    const result = await interactive(page, where);
    await settle(page, where);
    const entries = await resources(page);
    const wasm = entries.find((e) => siteFile(e.url) === 'recdesk_web_bg.wasm');
    const doc = entries.find((e) => e.kind === 'document');
    result.breakdown = {
      document_response_end: doc?.responseEnd,
      // Parsing done: the gap from the response is the new renderer getting the document.
      document_dom_interactive: doc?.domInteractive,
      dom_content_loaded: doc?.domContentLoaded,
      wasm_fetch_start: wasm?.start,
      wasm_response_end: wasm?.responseEnd,
      interactive: result.ms,
    };
    result.entries = entries;
    result.interactiveAt = result.ms;
    return result;
  } finally {
    await browser.close();
  }
}

/** Waits until the service worker controls the page and its cache holds every app file. */
async function waitUntilCached(page, files, where) {
  await within(`${where}: waiting for the service worker to control the page and cache ${files.length} files`,
    page.waitForFunction(async (files) => {
      const registration = await navigator.serviceWorker.getRegistration();
      if (!navigator.serviceWorker.controller || registration?.active?.state !== 'activated') return false;
      for (const name of await caches.keys()) {
        const found = await Promise.all(files.map((file) => caches.match(new URL(file, location.href).href, { cacheName: name })));
        if (found.every(Boolean)) return true;
      }
      return false;
    }, files, { polling: 100, timeout: 0 }));
}

async function cachedLoad(run, precached) {
  const where = `cached load ${run}`;
  const browser = await freshBrowser();
  try {
    // The first visit installs the worker; then reload until a navigation is answered by it (just
    // after it activates, Chromium can still send one to the network).
    const first = await newPage(browser.context, `${where} (first visit)`);
    await within(`${where}: first visit to ${URL_}`, first.goto(URL_));
    await interactive(first, `${where} (first visit)`);
    await waitUntilCached(first, precached, where);
    for (let tries = 0; ; tries += 1) {
      await settle(first, where);
      const response = await within(`${where}: reloading the first visit`, first.reload());
      await interactive(first, `${where} (reload)`);
      if (response?.fromServiceWorker()) break;
      if (tries >= 50) throw new Error(`${where}: after 50 reloads no navigation was answered by the service worker`);
      await first.waitForTimeout(100);
    }
    await settle(first, where);
    await first.close();

    const page = await newPage(browser.context, where);
    const response = await within(`${where}: loading ${URL_} again`, page.goto(URL_));
    const online = await interactive(page, where);
    online.fromServiceWorker = response?.fromServiceWorker() ?? false;
    if (!online.fromServiceWorker) warn(where, 'the navigation was not answered by the service worker');
    await settle(page, where);
    await page.close();

    // The network cut: a page that still tried it would log a failed request.
    await browser.context.setOffline(true);
    const offlinePage = await newPage(browser.context, `${where} (offline)`);
    const offlineResponse = await within(`${where}: loading ${URL_} offline`, offlinePage.goto(URL_));
    const offline = await interactive(offlinePage, `${where} (offline)`);
    offline.fromServiceWorker = offlineResponse?.fromServiceWorker() ?? false;
    await settle(offlinePage, `${where} (offline)`);
    await offlinePage.close();
    await browser.context.setOffline(false);
    return { online, offline };
  } finally {
    await browser.close();
  }
}

/** The verification wizard, untimed, up to its decision. */
async function walkWizard(page, where) {
  await within(`${where}: walking the verification wizard`, (async () => {
    await decideAdultOwnRecord(page, 'Dana Bench');
    await page.getByRole('button', { name: 'Continue: review the copy' }).waitFor();
  })());
}

/** Dose rows in the print view: one per dose and vaccine group (the 4-column tables). */
const DOSE_ROWS = '#print-copy table.columns-4 tbody tr';

/**
 * In the page, without eval (the app's CSP forbids it): notes performance.now(), does the step
 * (`paste`: set #intake-text and dispatch input; `review`: click "Continue: review the copy"), and
 * resolves when it shows (the headline reads `expected`; the print view has `expected` dose rows)
 * with { dom, frame } in ms: when the DOM first showed it, and after the next frame (style,
 * layout and paint).
 */
function timeInPage(page, { step, text, expected, timeout = TIMEOUT }) {
  return page.evaluate(({ step, text, expected, timeout, rowsSelector }) => {
    const headline = () => document.getElementById('reading-headline')?.textContent;
    const rows = () => document.querySelectorAll(rowsSelector).length;
    const isDone = step === 'paste' ? () => headline() === expected : () => rows() >= expected;
    const state = step === 'paste'
      ? () => `#reading-headline reads "${headline() ?? '(absent)'}", expected "${expected}"`
      : () => `#print-copy ${document.getElementById('print-copy') ? 'has' : 'is absent:'} ${rows()} of ${expected} dose rows`;
    return new Promise((resolve, reject) => {
      let start;
      let finished = false;
      const observer = new MutationObserver(() => check());
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`not done after ${timeout / 1000} s: ${state()}`));
      }, timeout);
      // The review is drawn in steps: when its first rows show is timed too (then the next frame).
      let first;
      function check() {
        if (step === 'review' && first === undefined && rows() > 0) {
          first = { dom: performance.now() - start };
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => { first.frame = performance.now() - start; };
            channel.port2.postMessage(null);
          });
        }
        if (finished || !isDone()) return;
        finished = true;
        const dom = performance.now() - start;
        observer.disconnect();
        clearTimeout(timer);
        // The frame that shows it, then a task after its paint.
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            const frame = performance.now() - start;
            resolve({ dom, frame, first: { dom: first?.dom ?? dom, frame: first?.frame ?? frame } });
          };
          channel.port2.postMessage(null);
        });
      }
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      if (step === 'paste') {
        const area = document.getElementById('intake-text');
        start = performance.now();
        area.value = text;
        area.dispatchEvent(new Event('input', { bubbles: true }));
      } else {
        const button = document.getElementById('to-review');
        if (!button) throw new Error('no "Continue: review the copy" button (#to-review)');
        start = performance.now();
        button.click();
      }
      check();
    });
  }, { step, text, expected, timeout, rowsSelector: DOSE_ROWS });
}

const doseRows = (selector) => document.querySelectorAll(selector).length;

async function openReady(context, where) {
  const page = await newPage(context, where);
  await within(`${where}: loading ${URL_}`, page.goto(URL_));
  await interactive(page, where);
  // The issuer directory is fetched after the first screen, and the reading path warmed up on
  // made-up records: let both finish first.
  await settle(page, where);
  await within(`${where}: waiting for the warm-up`, page.waitForFunction(() => performance.getEntriesByName('recdesk:warmed-up').length > 0));
  return page;
}

async function pasteAndReview(run, record) {
  const where = `paste/review ${run}`;
  const browser = await freshBrowser({ serviceWorkers: 'block' });
  try {
    const page = await openReady(browser.context, where);
    const paste = await within(`${where}: waiting for the reading of ${PASTE_DOSES} doses`, timeInPage(page, { step: 'paste', text: record, expected: headline(PASTE_DOSES) }));
    await walkWizard(page, where);
    const review = await within(`${where}: waiting for the review of ${PASTE_DOSES} doses`, timeInPage(page, { step: 'review', expected: PASTE_DOSES }));
    const rows = await page.evaluate(doseRows, DOSE_ROWS);
    if (rows !== PASTE_DOSES) warn(where, `#print-copy shows ${rows} dose rows, not ${PASTE_DOSES}`);
    const entries = await resources(page);
    const copy = await copyMeasure(page);
    await page.close();
    return { paste, review, entries, copy };
  } finally {
    await browser.close();
  }
}

/** The app's last performance measure of building the copy (ms). */
async function copyMeasure(page) {
  return page.evaluate(() => performance.getEntriesByName('recdesk:copy').at(-1)?.duration ?? NaN);
}

/** Asks the grade `label` ('' for none) and waits until the copy shows (or drops) the status. */
async function askGrade(page, where, label) {
  await page.locator('#school-grade').selectOption(label ? { label } : { value: '' });
  await within(`${where}: waiting for the copy with grade "${label}"`, page.waitForFunction(
    (shown) => document.getElementById('print-copy')?.textContent.includes('Minnesota school immunization status') === shown,
    Boolean(label), { timeout: 0 }));
  return copyMeasure(page);
}

/** A fresh page with `record` (of `doses` doses) read, the wizard walked and the review opened, untimed. */
async function openReview(browser, where, record, doses) {
  const page = await openReady(browser.context, where);
  await page.locator('#intake-text').fill(record);
  await within(`${where}: reading ${doses} doses`, page.waitForFunction(
    (expected) => document.getElementById('reading-headline')?.textContent === expected, headline(doses), { timeout: 0 }));
  await walkWizard(page, where);
  await page.locator('#to-review').click();
  await within(`${where}: waiting for the review of ${doses} doses`,
    page.waitForFunction(({ count, selector }) => document.querySelectorAll(selector).length >= count,
      { count: doses, selector: DOSE_ROWS }, { timeout: 0 }));
  return page;
}

async function answers(run, record) {
  const where = `answers ${run}`;
  const browser = await freshBrowser({ serviceWorkers: 'block' });
  try {
    const page = await openReview(browser, where, record, ANSWER_DOSES);
    const first = await copyMeasure(page);
    const withStatus = await askGrade(page, where, 'Kindergarten');
    const noStatus = await askGrade(page, where, '');
    const entries = await resources(page);
    await page.close();
    return { first, withStatus, noStatus, entries };
  } finally {
    await browser.close();
  }
}

async function pdfs(run, record) {
  const where = `pdf ${run}`;
  const browser = await freshBrowser({ serviceWorkers: 'block' });
  try {
    const page = await openReview(browser, where, record, PDF_DOSES);
    const button = page.getByRole('button', { name: /as PDF$/ });
    const times = [];
    for (let i = 0; i <= WARM_PDFS; i += 1) {
      await within(`${where}: waiting for the "… as PDF" button to be ready`, button.waitFor());
      const handle = await button.elementHandle();
      const download = page.waitForEvent('download', { timeout: 0 });
      const start = performance.now();
      // A click in the page (no actionability checks in the timed part).
      await handle.evaluate((element) => element.click());
      const file = await within(`${where}: waiting for PDF ${i + 1} to download`, download);
      times.push(performance.now() - start);
      if (!/\.pdf$/.test(file.suggestedFilename())) warn(where, `the download is named "${file.suggestedFilename()}"`);
      await file.delete().catch(() => {});
    }
    const entries = await resources(page);
    await page.close();
    return { first: times[0], warm: times.slice(1), entries };
  } finally {
    await browser.close();
  }
}

/** For each site file every cold load fetched before interactive: median start and response end. */
function waterfall(cold) {
  const byFile = new Map();
  for (const run of cold) {
    for (const entry of run.entries) {
      const file = siteFile(entry.url);
      if (!file || entry.start > run.interactiveAt) continue;
      if (!byFile.has(file)) byFile.set(file, []);
      byFile.get(file).push(entry);
    }
  }
  return [...byFile].filter(([, entries]) => entries.length === cold.length).map(([file, entries]) => ({
    file,
    start: stats(entries.map((e) => e.start)).median,
    response_end: stats(entries.map((e) => e.responseEnd)).median,
  })).sort((a, b) => a.start - b.start);
}

function sizeOf(file) {
  const path = join(SITE, file);
  if (!existsSync(path)) return { file, raw: null, gzip: null, note: 'not in --site' };
  const bytes = readFileSync(path);
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

async function chromiumVersion() {
  const browser = await freshBrowser();
  try {
    const page = await browser.context.newPage();
    const session = await browser.context.newCDPSession(page);
    const { product } = await session.send('Browser.getVersion');
    return product;
  } catch {
    return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim();
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const startedAt = new Date();
  const loadAtStart = loadavg();
  const version = await chromiumVersion();
  const files = siteFiles();
  const precached = files.filter((file) => !NOT_PRECACHED.includes(file)).sort();
  const record1000 = vxu(PASTE_DOSES);
  const record300 = vxu(PDF_DOSES);
  const record30 = vxu(ANSWER_DOSES);
  console.log(`${version}; ${RUNS} runs against ${URL_} (site ${SITE}); load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`records: ${PASTE_DOSES} doses = ${(record1000.length / 1024).toFixed(0)} KiB of HL7, ${PDF_DOSES} doses = ${(record300.length / 1024).toFixed(0)} KiB`);

  // For working on the paste and review alone: RECDESK_BENCH_ONLY=paste prints their times and
  // stops (no report is written).
  if (process.env.RECDESK_BENCH_ONLY === 'paste') {
    for (let run = 1; run <= RUNS; run += 1) {
      const { paste, review, copy } = await pasteAndReview(run, record1000);
      console.log(`run ${run}: paste ${paste.frame.toFixed(0)} ms (DOM ${paste.dom.toFixed(0)}), review first rows ${review.first?.frame?.toFixed(0)} ms (DOM ${review.first?.dom?.toFixed(0)}), all rows ${review.frame.toFixed(0)} ms (DOM ${review.dom.toFixed(0)}); the copy ${copy.toFixed(0)} ms`);
    }
    return;
  }

  const cold = [];
  const cached = [];
  const pasted = [];
  const pdf = [];
  const answered = [];
  for (let run = 1; run <= RUNS; run += 1) {
    process.stdout.write(`run ${run}/${RUNS}: cold`);
    cold.push(await coldLoad(run));
    process.stdout.write(' cached');
    cached.push(await cachedLoad(run, precached));
    process.stdout.write(' paste+review');
    pasted.push(await pasteAndReview(run, record1000));
    process.stdout.write(' pdf');
    pdf.push(await pdfs(run, record300));
    process.stdout.write(' answers');
    answered.push(await answers(run, record30));
    console.log(` done (cold ${cold.at(-1).ms.toFixed(0)} ms)`);
  }

  const median = (values) => stats(values).median;
  const measurements = {
    cold_load_ms: stats(cold.map((r) => r.ms), {
      method: methodOf(cold.map((r) => r.method)),
      textarea_all: cold.map((r) => Math.round(r.textareaMs * 10) / 10),
      // Medians of each point of the first load, ms from navigation start.
      breakdown_median: Object.fromEntries(Object.keys(cold[0].breakdown).map((key) =>
        [key, median(cold.map((r) => r.breakdown[key] ?? NaN))])),
      // Each file of the first screen: medians of when its fetch started and its response ended.
      waterfall_median: waterfall(cold),
    }),
    cached_load_ms: stats(cached.map((r) => r.online.ms), {
      method: methodOf(cached.map((r) => r.online.method)),
      from_service_worker: cached.map((r) => r.online.fromServiceWorker),
    }),
    cached_offline_load_ms: stats(cached.map((r) => r.offline.ms), {
      method: methodOf(cached.map((r) => r.offline.method)),
      from_service_worker: cached.map((r) => r.offline.fromServiceWorker),
    }),
    paste_1000_ms: stats(pasted.map((r) => r.paste.frame), {
      method: 'set #intake-text, dispatch input → #reading-headline reads the 1000-dose headline, + next frame (in-page performance.now())',
      dom_all: pasted.map((r) => Math.round(r.paste.dom * 10) / 10),
    }),
    review_1000_ms: stats(pasted.map((r) => r.review.first?.frame ?? NaN), {
      method: "click 'Continue: review the copy' → #print-copy shows its first dose rows (the first step), + next frame (in-page performance.now())",
      dom_all: pasted.map((r) => Math.round((r.review.first?.dom ?? NaN) * 10) / 10),
    }),
    review_1000_all_ms: stats(pasted.map((r) => r.review.frame), {
      method: "click 'Continue: review the copy' → #print-copy has all 1000 dose rows (every step), + next frame (in-page performance.now())",
      dom_all: pasted.map((r) => Math.round(r.review.dom * 10) / 10),
    }),
    pdf_300_first_ms: stats(pdf.map((r) => r.first), {
      method: "in-page click on the '… as PDF' button → Playwright download event (Node clock); first PDF of a page, module fetched and compiled",
    }),
    pdf_300_warm_ms: stats(pdf.flatMap((r) => r.warm), {
      method: `as pdf_300_first_ms, the ${WARM_PDFS} PDFs after the first on each page`,
    }),
    copy_30_first_ms: stats(answered.map((r) => r.first), {
      method: "the app's performance measure 'recdesk:copy' as the review opens (redaction, CDSi evaluation and Due next, layout model)",
    }),
    copy_30_status_ms: stats(answered.map((r) => r.withStatus), {
      method: "the same measure after grade K is asked: the school status added",
    }),
    copy_30_no_status_ms: stats(answered.map((r) => r.noStatus), {
      method: 'the same measure after the grade is taken back (warm, no school status)',
    }),
  };

  // Sizes: the first cold load's page up to interactive, then what any page loaded later.
  const firstScreen = new Set();
  for (const entry of cold[0].entries) {
    const file = siteFile(entry.url);
    if (file && (entry.kind === 'document' || entry.start <= cold[0].interactiveAt)) firstScreen.add(file);
  }
  const later = new Map();
  for (const [label, entries] of [['first load, after interactive', cold[0].entries], ...pasted.map((r) => ['paste/review', r.entries]), ...pdf.map((r) => ['pdf', r.entries])]) {
    for (const entry of entries) {
      const file = siteFile(entry.url);
      if (file && !firstScreen.has(file) && !later.has(file)) later.set(file, label);
    }
  }
  const outside = [...new Set([cold, pasted, pdf].flat().flatMap((r) => r.entries).filter((e) => !siteFile(e.url)).map((e) => e.url))];
  for (const url of outside) warn('sizes', `a request outside the site: ${url}`);
  const total = (list) => list.reduce((sum, item) => sum + (item.gzip ?? 0), 0);
  const firstList = [...firstScreen].sort().map(sizeOf);
  const laterList = [...later].sort().map(([file, when]) => ({ ...sizeOf(file), loaded: when }));
  const neverList = files.filter((file) => !firstScreen.has(file) && !later.has(file)).sort().map(sizeOf);
  const sizes = {
    first_screen: firstList,
    first_screen_gzip_total: total(firstList),
    first_screen_raw_total: firstList.reduce((sum, item) => sum + (item.raw ?? 0), 0),
    later: laterList,
    later_gzip_total: total(laterList),
    // Site files no page fetched in these runs (the service worker's precache still fetches the
    // app files among them).
    not_loaded_by_these_runs: neverList,
  };

  const report = {
    chromium: version,
    runs: RUNS,
    url: URL_,
    site: SITE,
    started: startedAt.toISOString(),
    load_average_at_start: loadAtStart,
    load_average_at_end: loadavg(),
    measurements,
    sizes,
    warnings,
  };
  writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);

  // The table.
  console.log(`\n${version}, median of ${RUNS} runs (ms)`);
  const row = (cells, widths) => cells.map((c, i) => String(c)[i ? 'padStart' : 'padEnd'](widths[i])).join('  ');
  const widths = [24, 8, 8, 8];
  console.log(row(['measurement', 'median', 'min', 'max'], widths));
  for (const [name, m] of Object.entries(measurements)) console.log(row([name, m.median.toFixed(0), m.min.toFixed(0), m.max.toFixed(0)], widths));
  console.log(`interactive measured by: ${measurements.cold_load_ms.method}`);
  const b = measurements.cold_load_ms.breakdown_median;
  console.log(`cold load (medians): document ${b.document_response_end?.toFixed(0)} ms (parsed ${b.document_dom_interactive?.toFixed(0)} ms), wasm fetch ${b.wasm_fetch_start?.toFixed(0)}–${b.wasm_response_end?.toFixed(0)} ms, interactive ${b.interactive?.toFixed(0)} ms`);
  console.log(`  fetches (start–response end, ms): ${measurements.cold_load_ms.waterfall_median.map((w) => `${w.file} ${w.start.toFixed(0)}–${w.response_end.toFixed(0)}`).join(', ')}`);
  const kb = (n) => (n == null ? '—' : `${(n / 1024).toFixed(1)} KiB`);
  const sizeRow = (item) => console.log(`  ${item.file.padEnd(28)} ${kb(item.raw).padStart(11)} ${kb(item.gzip).padStart(11)}${item.loaded ? `  (${item.loaded})` : ''}`);
  console.log(`\nfirst screen (raw, gzip -9): ${kb(sizes.first_screen_gzip_total)} gzipped`);
  firstList.forEach(sizeRow);
  console.log(`later: ${kb(sizes.later_gzip_total)} gzipped`);
  laterList.forEach(sizeRow);
  console.log('not loaded by these runs:');
  neverList.forEach(sizeRow);
  console.log(`\n${warnings.length} warning(s); wrote ${options.out}`);
}

main().catch((error) => {
  console.error(`\nbench/browser.mjs failed: ${error.message}`);
  process.exit(1);
});
