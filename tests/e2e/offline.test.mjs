// Offline use and the kiosk's network policy. After one visit the service worker (www/sw.js)
// holds the app's own files, and only those, so the app opens and works with the network cut
// and the server gone; a new version's worker deletes the old copy; the manifest makes the app
// installable; and with ?kiosk the page cannot reach another origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createCipheriv, randomBytes } from 'node:crypto';
import {
  launchBrowser, openApp, decideAdultOwnRecord, recordProblems, screenshot, cacheContents, readingHeadline, textMatching,
  eventually, backgroundFetched, startRelay, APP_URL, ARTIFACTS, STATIC_FILES,
} from './browser.mjs';

let context;
before(async () => { context = await launchBrowser(); });
after(async () => { await context?.close(); });

const fixture = (name) => readFileSync(new URL(`../../crates/intake/tests/fixtures/${name}`, import.meta.url));
const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type, accept' };
// Values from the fixtures that must never reach Cache Storage.
const PATIENT_DATA = ['Nguyễn', 'MRN-44', 'Anyperson', '1951-01-20', 'shl.example.org', 'fhir.example.org'];

/**
 * Waits until a service worker controls `page`, its cache holds every static file, and a
 * navigation is answered by it (for a moment after it first activates, Chromium can still send
 * a navigation to the network), leaving `page` reloaded from the worker.
 */
async function waitUntilOfflineReady(page) {
  await waitUntilCached(page);
  for (let tries = 0; ; tries += 1) {
    // A reload while the app still fetches (its modules, its issuer directory) would abort that fetch.
    await backgroundFetched(page);
    const response = await page.reload();
    await page.getByRole('heading', { name: 'Record Desk' }).waitFor();
    if (response.fromServiceWorker()) return;
    assert.ok(tries < 50, 'no navigation was answered by the service worker');
  }
}

async function waitUntilCached(page) {
  await page.waitForFunction(async (files) => {
    const registration = await navigator.serviceWorker.getRegistration();
    if (!navigator.serviceWorker.controller || registration?.active?.state !== 'activated') return false;
    // caches.match with a cacheName never creates a cache (caches.open would re-create one the
    // worker has just deleted).
    for (const name of await caches.keys()) {
      const found = await Promise.all(files.map((file) => caches.match(new URL(file, location.href).href, { cacheName: name })));
      if (found.every(Boolean)) return true;
    }
    return false;
  }, STATIC_FILES, { polling: 100, timeout: 20_000 });
}

/**
 * Asserts that Cache Storage holds the build's cache, of exactly the static files, and at most the
 * clinic's settings file kept apart, with no patient data anywhere.
 */
async function assertCacheHoldsOnlyTheApp(page) {
  const contents = await cacheContents(page);
  const names = Object.keys(contents);
  const build = names.filter((name) => name.startsWith('recdesk-static '));
  const settings = names.filter((name) => name.startsWith('recdesk-settings '));
  assert.equal(build.length, 1, `one cache of the build: ${names}`);
  assert.equal(names.length, build.length + settings.length, `only the build's and the settings' caches: ${names}`);
  const origin = new URL(page.url()).origin;
  const urls = contents[build[0]].map(({ url }) => url).sort();
  assert.deepEqual(urls, STATIC_FILES.map((file) => `${origin}/${file}`).sort());
  for (const name of settings) {
    assert.deepEqual(contents[name].map(({ url }) => url), [`${origin}/settings.json`]);
  }
  for (const entries of Object.values(contents)) {
    for (const { url, body } of entries) {
      for (const value of PATIENT_DATA) assert.ok(!body.includes(value), `"${value}" in the cached ${url}`);
    }
  }
}

test('after one visit the app opens and works with the network cut and the server gone', async () => {
  // Its own browser and server, so the server can really go away.
  const relay = await startRelay();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const problems = recordProblems(page);
    await page.goto(relay.url);
    await page.getByRole('heading', { name: 'Record Desk' }).waitFor();
    await waitUntilOfflineReady(page);
    // The reader and desk modules are fetched once the first screen is idle: let those fetches
    // end, or leaving the page would abort them (and list them as failed requests).
    await backgroundFetched(page);

    await relay.stop();
    await browser.setOffline(true);
    // Anything that still tried the network would fail here and be listed in `problems`.
    await browser.route('**/*', (route) => route.abort('internetdisconnected'));
    await page.goto(`${relay.url}?kiosk`);
    await page.getByRole('heading', { name: 'Record Desk' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.onLine), false);

    // An HL7 message is read.
    const area = page.getByLabel(/Paste an HL7 v2 message/);
    await area.fill(fixture('vxu-complete.hl7').toString('utf8'));
    assert.equal(await readingHeadline(page), 'HL7 v2: 1 message, 1 patient record, 3 immunizations.');
    await page.getByRole('button', { name: 'Clear' }).click();

    // The QR module loads from the cache and reads a picture of a card, which is checked
    // against the issuer directory (also from the cache).
    await page.locator('#intake-file').setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: fixture('shc-example-00-qr.png') });
    assert.equal(await readingHeadline(page), 'SMART Health Card: 1 document, 1 patient record, 3 immunizations.');
    assert.match(await page.locator('#intake-status').innerText(), /^Read the QR code in “card\.png”/);
    assert.match(await page.locator('.card-verification').innerText(), /not in the trusted issuer directory/);

    // The verification wizard runs to a decision.
    await decideAdultOwnRecord(page, 'Dana Front');
    await page.locator('#verify-outcome').waitFor();
    assert.match(await page.locator('#verify-outcome').innerText(), /Decision: release the full copy/);
    await screenshot(page, 'offline-decision');

    // On to the review and a PDF: the PDF module, first asked for now, comes from the cache.
    await page.getByRole('button', { name: 'Continue: review the copy' }).click();
    await page.locator('#print-copy').waitFor();
    assert.match(await page.locator('#print-copy').innerText(), /Anyperson/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /as PDF$/ }).click()]);
    const pdfPath = join(ARTIFACTS, 'offline-kiosk.pdf');
    await download.saveAs(pdfPath);
    const pdfText = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' });
    assert.match(pdfText, /Anyperson/);
    assert.match(pdfText, /Dana Front/);
    await screenshot(page, 'offline-review');
    await page.getByRole('button', { name: 'End session' }).click();
    await page.getByText('Nothing entered yet').waitFor();

    await assertCacheHoldsOnlyTheApp(page);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await relay.stop().catch(() => {});
  }
});

test('Cache Storage holds only the app files, also after a SMART Health Link, a FHIR fetch and other requests', async () => {
  const { page, problems } = await openApp(context);
  await waitUntilOfflineReady(page);
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null));

  const key = randomBytes(32);
  await context.route('https://shl.example.org/**', async (route) => {
    if (route.request().method() === 'OPTIONS') return route.fulfill({ status: 204, headers: CORS });
    return route.fulfill({
      status: 200, headers: CORS, contentType: 'application/json',
      body: JSON.stringify({ files: [{ contentType: 'application/smart-health-card', location: 'https://shl.example.org/file/1' }] }),
    });
  });
  await context.route('https://shl.example.org/file/1', (route) => route.fulfill({
    status: 200, headers: CORS, contentType: 'application/jose', body: encrypt(fixture('shc-example-01-file.smart-health-card'), key),
  }));
  await context.route('https://fhir.example.org/**', (route) => route.fulfill({
    status: 200, headers: CORS, contentType: 'application/fhir+json', body: fixture('fhir-example-bundle.json'),
  }));

  const link = { url: 'https://shl.example.org/manifest/7f3a', key: key.toString('base64url'), label: 'Immunizations' };
  await page.getByLabel(/Or open a SMART Health Link/).fill(`shlink:/${Buffer.from(JSON.stringify(link)).toString('base64url')}`);
  await page.getByRole('button', { name: 'Open link' }).click();
  assert.match(await readingHeadline(page), /1 patient record, 3 immunizations/);

  await page.getByLabel(/Or open a SMART Health Link/).fill('https://fhir.example.org/Patient/1/$everything');
  await page.getByRole('button', { name: 'Open link' }).click();
  await page.waitForFunction(() => document.querySelector('#reading-headline')?.textContent.startsWith('FHIR'));

  // Same-origin requests the worker does not know (a query, another path, a POST) pass by it.
  const statuses = await page.evaluate(async () => [
    (await fetch('vci-issuers.json?patient=MRN-44')).status,
    (await fetch('notes-Nguyễn.txt')).status,
    (await fetch('index.html', { method: 'POST', body: 'Nguyễn' })).status,
  ]);
  assert.deepEqual(statuses, [200, 404, 405]);

  await page.getByLabel(/Paste an HL7 v2 message/).fill(fixture('vxu-complete.hl7').toString('utf8'));
  // Read (the FHIR record's reading shows until then).
  await textMatching(page.locator('#reading-headline'), /^HL7 v2: /);
  await assertCacheHoldsOnlyTheApp(page);
  assert.deepEqual(problems.filter((p) => !/404|405/.test(p)), []);
  await page.close();
  await context.unrouteAll();
});

/** A compact JWE (alg dir, enc A256GCM), as a SMART Health Link server shares files. */
function encrypt(plaintext, key) {
  const header = Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A256GCM', cty: 'application/smart-health-card' })).toString('base64url');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(header, 'ascii'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [header, '', iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

test("an earlier version's cache is deleted when the worker activates; other caches are left alone", async () => {
  const browser = await launchBrowser();
  try {
    // A page of the origin that does not start the app, so no worker is registered yet. It is
    // closed before the app opens: a live handle on a cache (even from a page kept in the
    // back-forward cache) can bring a deleted cache's name back in Chromium.
    const setup = await browser.newPage();
    await setup.goto(new URL('manifest.webmanifest', APP_URL).href);
    const scope = new URL('./', APP_URL).href;
    await setup.evaluate(async (scope) => {
      await (await caches.open(`recdesk-static ${scope} 0123456789abcdef`)).put('index.html', new Response('an old build'));
      await (await caches.open('another-app')).put('x', new Response('not ours'));
    }, scope);
    assert.equal((await setup.evaluate(() => caches.keys())).length, 2);
    await setup.close();
    const page = await browser.newPage();
    await page.goto(APP_URL);
    await page.getByRole('heading', { name: 'Record Desk' }).waitFor();
    // The worker deletes earlier builds' caches while it activates (www/sw.js). The page sees
    // Cache Storage a moment after the worker does (even once the worker shows as activated),
    // so this waits until the old cache has gone from the page's view. Only caches.keys() here:
    // opening or matching in a cache the worker is deleting can re-create it.
    const old = `recdesk-static ${scope} 0123456789abcdef`;
    const cacheNames = () => page.evaluate(() => caches.keys());
    await eventually(async () => (await cacheNames()).includes(old), false, `${old} is still in Cache Storage`);
    const names = await cacheNames();
    assert.ok(names.includes('another-app'), `${names}`);
    const ours = names.filter((name) => name.startsWith(`recdesk-static ${scope} `));
    assert.equal(ours.length, 1, `${names}`);
    assert.match(ours[0], /^recdesk-static \S+ [0-9a-f]{16}$/);
    assert.notEqual(ours[0], old);
  } finally {
    await browser.close();
  }
});

test('the app is installable: Chromium accepts its manifest', async () => {
  const { page, problems } = await openApp(context);
  const manifest = await (await page.request.get(new URL('manifest.webmanifest', APP_URL).href)).json();
  assert.equal(manifest.start_url, '.');
  assert.equal(manifest.display, 'standalone');
  const cdp = await context.newCDPSession(page);
  assert.deepEqual((await cdp.send('Page.getAppManifest')).errors, []);
  assert.deepEqual((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('in kiosk mode the page cannot reach another origin (CSP), and elsewhere it can', async () => {
  const tryElsewhere = async (path) => {
    const page = await context.newPage();
    await page.route('https://elsewhere.example.org/**', (route) => route.fulfill({ status: 200, headers: CORS, body: 'reached' }));
    await page.goto(new URL(path, APP_URL).href);
    await page.getByRole('heading', { name: 'Record Desk' }).waitFor();
    const outcome = await page.evaluate(async (timeout) => {
      const violations = [];
      // The violation is reported by an event dispatched as a task of its own, which can come
      // after the fetch has failed: a blocked fetch waits for it (`timeout` is only a bound).
      const reported = new Promise((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => {
          violations.push(`${e.violatedDirective} ${e.blockedURI}`);
          resolve();
        });
        setTimeout(resolve, timeout);
      });
      let answer;
      try {
        answer = await (await fetch('https://elsewhere.example.org/records', { cache: 'no-store' })).text();
      } catch {
        answer = 'blocked';
        await reported;
      }
      return { answer, violations };
    }, 10_000);
    await page.close();
    return outcome;
  };
  for (const kiosk of ['?kiosk', '?kiosk=1', '?lang=en&kiosk=yes']) {
    assert.deepEqual(await tryElsewhere(kiosk), {
      answer: 'blocked', violations: ['connect-src https://elsewhere.example.org/records'],
    }, kiosk);
  }
  for (const desk of ['', '?kiosk=0', '?kiosk=no']) {
    assert.deepEqual(await tryElsewhere(desk), { answer: 'reached', violations: [] }, desk || 'no flag');
  }
});
