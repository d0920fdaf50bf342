// The clinic's settings file (settings.json beside the app): used whole when valid, named on the
// release; rejected whole, with a banner naming the key, when not; kept for an offline kiosk; and the
// address bar may only make the idle wipe stricter.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  launchBrowser, openApp, recordProblems, textMatching, choose, continueWizard, showPhotoId, screenshot, startRelay,
  backgroundFetched,
} from './browser.mjs';

const contexts = [];

/** The adult's record read, and a conservator with a passport and letters asking, up to the next question. */
async function conservatorWithLetters(page) {
  await page.getByLabel(/Paste an HL7 v2 message/).fill(ADULT);
  await page.getByRole('button', { name: 'Verify the requester' }).click();
  await page.getByLabel('Your name', { exact: true }).fill('Dana Front');
  await continueWizard(page);
  await choose(page, 'a conservator (no guardianship)');
  await showPhotoId(page, 'passport');
  await choose(page, 'letters of conservatorship');
}
after(async () => { for (const context of contexts) await context.close(); });

/** A browser whose pages get `settings` (a string, or null for none: 404) as settings.json. */
async function browserWith(settings) {
  // No service worker here: it would answer settings.json itself (the offline test covers it).
  const context = await launchBrowser({ serviceWorkers: 'block' });
  contexts.push(context);
  await context.route('**/settings.json', (route) => (settings === null
    ? route.fulfill({ status: 404, body: '' })
    : route.fulfill({ status: 200, contentType: 'application/json', body: settings })));
  return context;
}

/** The page's problems, but the note that this browser blocks the service worker (on purpose). */
const realProblems = (problems) => problems.filter((problem) => !/Service Worker registration blocked/.test(problem));

const ADULT = readFileSync(new URL('../../crates/cli/tests/answers/records/adult.hl7', import.meta.url), 'utf8');

test('a valid settings file is used, and the release names what differs from the defaults', async () => {
  const context = await browserWith('{"version": 1, "hepatitis_b_review_age": 14, "conservator": "release_with_letters"}');
  const { page, problems } = await openApp(context);
  assert.equal(await page.locator('#settings-problem').count(), 0);
  await conservatorWithLetters(page);
  // The clinic's setting releases to a conservator with letters (the default refers).
  await choose(page, 'for the patient or family to keep');
  await choose(page, 'No');
  await page.getByRole('button', { name: 'Confirm and decide' }).click();
  await textMatching(page.locator('#verify-outcome'), /Decision: release the full copy/);
  const attested = await textMatching(page.locator('#attested-settings'), /conservators/);
  assert.match(attested, /hepatitis B doses held from age 14 \(default 12\)/);
  assert.deepEqual(realProblems(problems), []);
  await page.close();
});

test('a settings file with one bad key is not used at all, and a banner says which key and why', async () => {
  const context = await browserWith('{"version": 1, "hepatitis_b_review_age": 14, "conservator": "release"}');
  const { page, problems } = await openApp(context);
  const banner = await textMatching(page.locator('#settings-problem'), /was not used/);
  assert.match(banner, /"conservator": must be one of "refer", "release_with_letters"/);
  assert.match(banner, /the safe defaults apply/);
  await screenshot(page, 'settings-rejected');
  // Nothing of it applies: a conservator is referred, as by default.
  await conservatorWithLetters(page);
  await page.getByRole('button', { name: 'Confirm and decide' }).click();
  await textMatching(page.locator('#verify-outcome'), /Decision: refer to a supervisor/);
  assert.deepEqual(realProblems(problems), []);
  await page.close();
});

test('without a settings file the safe defaults apply and nothing is said', async () => {
  const context = await browserWith(null);
  const { page } = await openApp(context);
  await page.getByLabel(/Paste an HL7 v2 message/).waitFor();
  assert.equal(await page.locator('#settings-problem').count(), 0);
  await page.close();
});

/** Lets `seconds` pass on the page's fake clock a second at a time, as a real event loop would. */
async function idle(page, seconds) {
  for (let i = 0; i < seconds; i += 1) await page.clock.runFor(1000);
}

test('the address bar cannot lengthen a kiosk\'s idle wipe, only shorten it', async () => {
  const context = await browserWith('{"version": 1, "kiosk_idle_seconds": 60}');
  for (const [path, warnsBy] of [['?kiosk&idle=3600', 45], ['?kiosk&idle=0', 45], ['?kiosk&idle=40', 25]]) {
    const { page } = await openApp(context, { path, beforeLoad: (page) => page.clock.install() });
    await page.getByLabel(/Paste an HL7 v2 message/).fill(ADULT);
    await page.locator('#reading-headline').waitFor();
    // The warning shows 20 seconds before the wipe.
    await idle(page, warnsBy);
    await textMatching(page.locator('#idle-warning'), /erased in \d+ seconds/, `${path}: no warning after ${warnsBy} s`);
    await page.close();
  }
});

test('an offline kiosk keeps the clinic\'s settings file it last saw', async () => {
  // A file the app rejects, so its banner shows which file was read: the kept copy, offline.
  const relay = await startRelay({ '/settings.json': '{"version": 1, "kiosk_idle_seconds": 5}' });
  const context = await launchBrowser();
  contexts.push(context);
  const page = await context.newPage();
  const problems = recordProblems(page);
  await page.goto(`${relay.url}?kiosk`);
  await textMatching(page.locator('#settings-problem'), /"kiosk_idle_seconds"/);
  await page.waitForFunction(async () => Boolean(await caches.match(new URL('settings.json', location.href).href)));
  await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
  // A reload while the app still fetches its modules in the background would abort them.
  await backgroundFetched(page);
  await relay.stop();
  await context.setOffline(true);
  await page.reload();
  await textMatching(page.locator('#settings-problem'), /"kiosk_idle_seconds": must be a whole number from 30 to 3600/);
  await context.setOffline(false);
  assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED/.test(p)), []);
  await page.close();
});
