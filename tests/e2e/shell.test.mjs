// The app shell: it loads from the release build, shows its promise and the intake
// screen, reacts to typing and to an opened file, and persists nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openApp, screenshot, cacheContents, textMatching, valueMatching, readingHeadline, APP_URL, STATIC_FILES } from './browser.mjs';

let context;
before(async () => { context = await launchBrowser(); });
after(async () => { await context?.close(); });

test('the shell renders the product name, the privacy promise and intake with no console errors', async () => {
  const { page, problems } = await openApp(context);
  assert.match(await page.locator('.privacy-promise').innerText(), /Nothing leaves or stays on this device/);
  assert.ok(await page.getByLabel(/Paste an HL7 v2 message/).isVisible());
  assert.ok(await page.getByText('Open a file…').isVisible());
  assert.match(await page.locator('#intake-status').innerText(), /Nothing entered yet/);
  await screenshot(page, 'shell');
  assert.deepEqual(problems, []);
  await page.close();
});

test('typing a record is counted, and Clear empties the paste area', async () => {
  const { page, problems } = await openApp(context);
  const area = page.getByLabel(/Paste an HL7 v2 message/);
  await area.fill('MSH|^~\\&|EHR|CLINIC\rPID|||123^^^MIIC^SR||Nguyễn^Thị Ánh\rRXA|0|1|20240102|');
  const status = page.locator('#intake-status');
  await textMatching(status, '73 characters in 3 lines entered.');
  await page.getByRole('button', { name: 'Clear' }).click();
  await valueMatching(area, '');
  await textMatching(status, /Nothing entered yet/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a Latin-1 file opened with the file chooser is decoded and named', async () => {
  const { page, problems } = await openApp(context);
  await page.locator('#intake-file').setInputFiles({
    name: 'vxu-latin1.hl7',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('MSH|^~\\&|||||||VXU^V04|1|P|2.5.1|||||||8859/1\rPID|||1||M\xfcller^Jos\xe9\r', 'latin1'),
  });
  await page.getByText('Opened “vxu-latin1.hl7”').waitFor();
  assert.match(await page.locator('#intake-status').innerText(), /read as Latin-1/);
  assert.match(await page.getByLabel(/Paste an HL7 v2 message/).inputValue(), /Müller\^José/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the keyboard reaches the paste area, the file chooser, the camera and Clear in order', async () => {
  const { page } = await openApp(context);
  await page.getByLabel(/Paste an HL7 v2 message/).fill('x');
  await page.getByLabel(/Paste an HL7 v2 message/).focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'intake-file');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'camera-toggle');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Clear');
  await page.close();
});

test('the app is served with a strict Content-Security-Policy and wasm as application/wasm', async () => {
  const page = await context.newPage();
  const wasmTypes = new Map(); // file → Content-Type
  const wasmFile = (response) => new URL(response.url()).pathname.split('/').pop();
  page.on('response', (response) => {
    if (response.url().endsWith('.wasm')) wasmTypes.set(wasmFile(response), response.headers()['content-type']);
  });
  // The first screen's module. Once the first screen is up the loader also fetches the reader and
  // desk modules, which may or may not have arrived by the time this test looks.
  const firstScreenModule = page.waitForResponse((response) => wasmFile(response) === 'recdesk_web_bg.wasm');
  const response = await page.goto(APP_URL);
  await page.getByRole('heading', { name: 'Record Desk' }).waitFor();
  await firstScreenModule;
  const policy = response.headers()['content-security-policy'];
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(policy, /frame-ancestors 'none'/);
  assert.doesNotMatch(policy, /unsafe-inline/);
  assert.equal(response.headers()['x-content-type-options'], 'nosniff');
  assert.ok(wasmTypes.has('recdesk_web_bg.wasm'), [...wasmTypes.keys()].join(', '));
  for (const [file, type] of wasmTypes) assert.equal(type, 'application/wasm', file);
  await page.close();
});

test('nothing entered is stored in the browser or put in the URL', async () => {
  const { page } = await openApp(context);
  const historyAtLoad = await page.evaluate(() => history.length);
  await page.getByLabel(/Paste an HL7 v2 message/).fill('PID|||999-99-9999^^^^SS||Doe^Jane');
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.getByLabel(/Paste an HL7 v2 message/).fill('PID|||1||Roe^Richard');
  // Once it has been read (the reader answers asynchronously), nothing of it is kept anywhere.
  await readingHeadline(page);
  const traces = await page.evaluate(async () => ({
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    cookie: document.cookie,
    url: location.href,
    history: history.length,
    indexedDb: (await indexedDB.databases()).length,
  }));
  assert.deepEqual(traces, { localStorage: 0, sessionStorage: 0, cookie: '', url: APP_URL, history: historyAtLoad, indexedDb: 0 });
  // Cache Storage holds at most the service worker's copy of the app's own files and the clinic's settings.
  for (const entries of Object.values(await cacheContents(page))) {
    for (const { url, body } of entries) {
      const file = new URL(url).pathname.slice(1);
      assert.ok(STATIC_FILES.includes(file) || file === 'settings.json', `${url} in Cache Storage`);
      assert.ok(!body.includes('999-99-9999') && !body.includes('Roe^Richard'), `entered text in the cached ${url}`);
    }
  }
  await page.close();
});
