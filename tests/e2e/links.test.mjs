// Opening links: a SMART Health Link (passcode, manifest, encrypted file) and a FHIR address.
// The servers are played by Playwright's request routing, so nothing leaves this machine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createCipheriv, randomBytes } from 'node:crypto';
import { launchBrowser, openApp, screenshot, readingHeadline } from './browser.mjs';

let context;
before(async () => { context = await launchBrowser(); });
after(async () => { await context?.close(); });

const fixture = (name) => readFileSync(new URL(`../../crates/intake/tests/fixtures/${name}`, import.meta.url));
const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type, accept' };

/** A compact JWE (alg dir, enc A256GCM) of `plaintext`, as a SMART Health Link server shares files. */
function encrypt(plaintext, key, contentType) {
  const header = b64url(JSON.stringify({ alg: 'dir', enc: 'A256GCM', cty: contentType }));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(header, 'ascii'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [header, '', b64url(iv), b64url(ciphertext), b64url(cipher.getAuthTag())].join('.');
}

function healthLink(key, flag) {
  const payload = { url: 'https://shl.example.org/manifest/7f3a', key: b64url(key), flag, label: 'Immunizations' };
  return `https://viewer.example.org/#shlink:/${b64url(JSON.stringify(payload))}`;
}

test('a SMART Health Link with a passcode: asked for, refused when wrong, then read and verified', async () => {
  const key = randomBytes(32);
  const card = encrypt(fixture('shc-example-01-file.smart-health-card'), key, 'application/smart-health-card');
  const requests = [];
  const { page, problems } = await openApp(context);
  await page.route('https://shl.example.org/**', async (route) => {
    const request = route.request();
    if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: CORS });
    const body = JSON.parse(request.postData() ?? '{}');
    requests.push(body);
    if (body.passcode !== '4812') {
      return route.fulfill({ status: 401, headers: CORS, contentType: 'application/json', body: '{"remainingAttempts": 2}' });
    }
    return route.fulfill({
      status: 200, headers: CORS, contentType: 'application/json',
      body: JSON.stringify({ files: [
        { contentType: 'application/smart-health-card', embedded: card },
        { contentType: 'application/smart-api-access', location: 'https://shl.example.org/token' },
      ] }),
    });
  });

  const linkField = page.getByLabel(/Or open a SMART Health Link/);
  await linkField.fill(healthLink(key, 'P'));
  await page.getByRole('button', { name: 'Open link' }).click();
  await page.locator('#link-problem').waitFor();
  assert.match(await page.locator('#link-problem').innerText(), /needs a passcode/);

  await page.getByLabel('Passcode').fill('0000');
  await page.getByRole('button', { name: 'Open link' }).click();
  await page.waitForFunction(() => document.querySelector('#link-problem')?.textContent.includes('2 more tries'));

  await page.getByLabel('Passcode').fill('4812');
  await page.getByRole('button', { name: 'Open link' }).click();
  assert.equal(await readingHeadline(page), 'SMART Health Card: 1 document, 1 patient record, 3 immunizations.');
  assert.match(await page.locator('#intake-status').innerText(), /^Opened a link from shl\.example\.org: .* 1 other shared file\(s\) are not records/);
  // The link (it holds the key) and the passcode are forgotten once used.
  assert.equal(await linkField.inputValue(), '');
  assert.equal(await page.locator('#link-passcode').count(), 0);
  assert.deepEqual(requests.map((r) => r.recipient), Array(2).fill('Record Desk (front desk)'));
  await screenshot(page, 'link-opened');
  assert.deepEqual(problems.filter((p) => !p.includes('401')), []);
  await page.close();
});

test('a FHIR address is fetched without cookies and read', async () => {
  const { page, problems } = await openApp(context);
  let sentCredentials;
  await page.route('https://fhir.example.org/**', async (route) => {
    sentCredentials = route.request().headers()['cookie'];
    return route.fulfill({ status: 200, headers: CORS, contentType: 'application/fhir+json', body: fixture('fhir-example-bundle.json') });
  });
  await page.getByLabel(/Or open a SMART Health Link/).fill('https://fhir.example.org/Patient/1/$everything');
  await page.getByRole('button', { name: 'Open link' }).click();
  assert.equal(await readingHeadline(page), 'FHIR R4 JSON: 1 document, 1 patient record, 3 immunizations.');
  assert.equal(sentCredentials, undefined);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an unreachable server and a damaged link each say what happened', async () => {
  const { page } = await openApp(context);
  await page.route('https://down.example.org/**', (route) => route.abort('connectionrefused'));
  const linkField = page.getByLabel(/Or open a SMART Health Link/);
  await linkField.fill('https://down.example.org/Immunization?patient=1');
  await page.getByRole('button', { name: 'Open link' }).click();
  await page.locator('#link-problem').waitFor();
  assert.match(await page.locator('#link-problem').innerText(), /down\.example\.org could not be reached/);
  await linkField.fill('shlink:/not-base64!!');
  await page.getByRole('button', { name: 'Open link' }).click();
  await page.waitForFunction(() => document.querySelector('#link-problem')?.textContent.includes('SMART Health Link'));
  assert.match(await page.locator('#link-problem').innerText(), /damaged|not a SMART Health Link/);
  await page.close();
});

test('in kiosk mode links are turned off, and the page says why', async () => {
  const page = await context.newPage();
  await page.goto(new URL('./?kiosk', process.env.RECDESK_URL ?? 'http://127.0.0.1:8080/').href);
  await page.getByRole('heading', { name: 'Record Desk' }).waitFor();
  assert.equal(await page.getByLabel(/Or open a SMART Health Link/).count(), 0);
  assert.match(await page.locator('#link-off').innerText(), /turned off on this kiosk: it does not use the network/);
  await page.close();
});
