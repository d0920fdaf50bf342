// The intake screen reads what is pasted or opened with the real libraries (compiled to
// WebAssembly) and says what it found, or why it could not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchBrowser, openApp, screenshot, withModuleBlocked, readingHeadline, valueMatching } from './browser.mjs';

let context;
before(async () => { context = await launchBrowser(); });
after(async () => { await context?.close(); });

const fixture = (name) => readFileSync(new URL(`../../crates/intake/tests/fixtures/${name}`, import.meta.url));

test('a pasted HL7 VXU is read: patient, doses and notes about the input', async () => {
  const { page, problems } = await openApp(context);
  await page.getByLabel(/Paste an HL7 v2 message/).fill(fixture('dose-statuses.hl7').toString('utf8'));
  assert.equal(
    await readingHeadline(page),
    'HL7 v2: 1 message, 1 patient record, 7 immunizations (and 1 entered in error, not counted).',
  );
  assert.equal(await page.locator('.reading-patients li span').first().innerText(), 'Finn Fox, born 2020-01-01');
  await page.getByText('2 notes about the input').click();
  assert.match(await page.locator('.reading-diagnostics').innerText(), /RXA-3 \(date given\) is not a real date/);
  await screenshot(page, 'reading-hl7');
  assert.deepEqual(problems, []);
  await page.close();
});

test('an opened batch file with Vietnamese names is read', async () => {
  const { page, problems } = await openApp(context);
  await page.locator('#intake-file').setInputFiles({
    name: 'vxu.hl7', mimeType: 'text/plain', buffer: fixture('vxu-complete.hl7'),
  });
  assert.equal(await readingHeadline(page), 'HL7 v2: 1 message, 1 patient record, 3 immunizations.');
  assert.equal(await page.locator('.reading-patients li span').first().innerText(), 'Thị Ánh Nguyễn, born 2019-04-02');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a PDF carrying a card, dropped on the intake screen, is read through the PDF module, which loads only then', async () => {
  const { page, problems } = await openApp(context);
  const loaded = (name) => page.evaluate((name) =>
    performance.getEntriesByType('resource').some((entry) => entry.name.includes(name)), name);
  assert.equal(await loaded('recdesk_web_pdf_reader'), false, 'the first screen does not load the PDF reader');
  const transfer = await page.evaluateHandle((bytes) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], 'portal-card.pdf', { type: 'application/pdf' }));
    return data;
  }, [...fixture('shc-chunked-in-pdf.pdf')]);
  await page.dispatchEvent('#intake-text', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('#intake-text', 'drop', { dataTransfer: transfer });
  assert.equal(await readingHeadline(page), 'SMART Health Card: 1 document, 1 patient record, 3 immunizations.');
  assert.match(await page.locator('#intake-status').innerText(), /^Read the card in the PDF “portal-card\.pdf”/);
  assert.equal(await page.locator('.reading-patients li span').first().innerText(), 'John B. Anyperson, born 1951-01-20');
  // The card is checked like any other: its issuer (the specification's example) is not in the directory.
  assert.match(await page.locator('.card-verification-title').first().innerText(), /^Card 1: /);
  assert.equal(await loaded('recdesk_web_pdf_reader'), true);
  assert.equal(await loaded('recdesk_web_qr_bg'), false, 'the PDF module reads its codes itself');
  await screenshot(page, 'reading-pdf-card');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a PDF without a card says so and what was typed stays; a damaged PDF says it is damaged', async () => {
  const { page } = await openApp(context);
  const area = page.getByLabel(/Paste an HL7 v2 message/);
  await area.fill('PID|1||1||Keep^Me');
  await page.locator('#intake-file').setInputFiles({
    name: 'visit-summary.pdf', mimeType: 'application/pdf', buffer: fixture('pdf-printout-without-card.pdf'),
  });
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /“visit-summary\.pdf” was not read\. This PDF is a printout with no card in it/);
  assert.equal(await area.inputValue(), 'PID|1||1||Keep^Me');
  await screenshot(page, 'reading-pdf-no-card');
  await page.locator('#intake-file').setInputFiles({
    name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'),
  });
  await page.getByText(/“scan\.pdf” was not read\. This PDF could not be opened: the file seems damaged/).waitFor();
  assert.equal(await area.inputValue(), 'PID|1||1||Keep^Me');
  await page.close();
});

test('text that is no record says what was expected', async () => {
  const { page } = await openApp(context);
  await page.getByLabel(/Paste an HL7 v2 message/).fill('Dear clinic, please send my records.');
  assert.match(await readingHeadline(page), /Expected an HL7 v2 message \(starting with MSH\|\)/);
  await page.close();
});

test('a pasted SMART Health Card is read, and checked once the issuer directory has loaded', async () => {
  const { page, problems } = await openApp(context);
  await page.getByLabel(/Paste an HL7 v2 message/).fill(fixture('shc-example-00-qr-numeric.txt').toString('utf8'));
  // The card as read once the directory has loaded (it is read again then, if it came first).
  assert.equal(await readingHeadline(page), 'SMART Health Card: 1 document, 1 patient record, 3 immunizations.');
  // The directory is fetched once, after the first screen, from this site.
  const fetched = await page.evaluate(() =>
    performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/vci-issuers.json')).length);
  assert.equal(fetched, 1);
  assert.equal(await page.locator('.reading-patients li span').first().innerText(), 'John B. Anyperson, born 1951-01-20');
  const verification = page.locator('.card-verification');
  assert.match(await verification.innerText(), /Card 1: issuer not known: signature not checked \(https:\/\/spec\.smarthealth\.cards\/examples\/issuer\)/);
  assert.match(await verification.innerText(), /not in the trusted issuer directory/);
  await screenshot(page, 'reading-shc');
  assert.deepEqual(problems, []);
  await page.close();
});

test('when the issuer directory cannot be loaded, a card says it could not be checked against it', async () => {
  // A browser without the service worker, which would answer from its copy of the directory
  // (routing cannot reach requests a service worker answers).
  const bare = await launchBrowser({ serviceWorkers: 'block' });
  const page = await bare.newPage();
  await page.route('**/vci-issuers.json', (route) => route.abort('internetdisconnected'));
  await page.goto(new URL('./', process.env.RECDESK_URL ?? 'http://127.0.0.1:8080/').href);
  await page.getByRole('heading', { name: 'Record Desk' }).waitFor();
  await page.getByLabel(/Paste an HL7 v2 message/).fill(fixture('shc-example-01-file.smart-health-card').toString('utf8'));
  const note = page.locator('#directory-note');
  await note.waitFor();
  await page.waitForFunction(() => document.querySelector('#directory-note')?.textContent.includes('could not be loaded'));
  assert.match(await note.innerText(), /could not be fetched \(is this device offline\?\)/);
  assert.match(await page.locator('#reading-headline').innerText(), /1 patient record, 3 immunizations/);
  await bare.close();
});

test("loading the issuer's key file checks the card's signature", async () => {
  const { page, problems } = await openApp(context);
  await page.getByLabel(/Paste an HL7 v2 message/).fill(fixture('shc-example-00-bare-jws.txt').toString('utf8'));
  await readingHeadline(page);
  const verification = page.locator('.card-verification');
  assert.match(await verification.innerText(), /issuer not known: signature not checked/);

  // A file that is not a key set is refused with the reason, and the card stays as it was.
  await page.locator('input.issuer-keys').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /“notes\.json” was not loaded/);

  await page.locator('input.issuer-keys').setInputFiles({ name: 'jwks.json', mimeType: 'application/json', buffer: fixture('example-issuer.jwks') });
  await page.waitForFunction(() => document.querySelector('.card-verification')?.textContent.includes('valid signature, issuer not in the directory'));
  assert.match(await verification.innerText(), /loaded by hand/);
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a picture of a card is read through the QR module, which loads only then', async () => {
  const { page, problems } = await openApp(context);
  const qrLoaded = () => page.evaluate(() =>
    performance.getEntriesByType('resource').some((entry) => entry.name.includes('recdesk_web_qr')));
  assert.equal(await qrLoaded(), false, 'the first screen does not load the QR module');
  await page.locator('#intake-file').setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: fixture('shc-example-00-qr.png') });
  assert.equal(await readingHeadline(page), 'SMART Health Card: 1 document, 1 patient record, 3 immunizations.');
  assert.match(await page.locator('#intake-status').innerText(), /^Read the QR code in “card\.png”/);
  assert.equal(await qrLoaded(), true);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a picture with no QR code says so and keeps what was entered', async () => {
  const { page } = await openApp(context);
  await page.getByLabel(/Paste an HL7 v2 message/).fill('PID|1||1||Keep^Me');
  const white = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108000000003a7e9b550000000a49444154789c63f80f0001010100b138f6140000000049454e44ae426082', 'hex');
  await page.locator('#intake-file').setInputFiles({ name: 'blank.png', mimeType: 'image/png', buffer: white });
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /“blank\.png” was not read\. No QR code was found/);
  assert.equal(await page.getByLabel(/Paste an HL7 v2 message/).inputValue(), 'PID|1||1||Keep^Me');
  await page.close();
});

test('a word-processor document is refused with a reason and what was typed stays', async () => {
  const { page, problems } = await openApp(context);
  const area = page.getByLabel(/Paste an HL7 v2 message/);
  await area.fill('PID|1||1||Keep^Me');
  // The first bytes of a .docx (a zip archive).
  const docx = Buffer.concat([Buffer.from('504b0304140006000800', 'hex'), Buffer.from('[Content_Types].xml word/document.xml'), Buffer.alloc(64)]);
  await page.locator('#intake-file').setInputFiles({ name: 'letter.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docx });
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /“letter\.docx” was not opened\. This is not a text file/);
  assert.equal(await area.inputValue(), 'PID|1||1||Keep^Me');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a QR code that is not a card (a web address) says so and keeps what was entered', async () => {
  const { page, problems } = await openApp(context);
  const area = page.getByLabel(/Paste an HL7 v2 message/);
  await area.fill('PID|1||1||Keep^Me');
  await page.locator('#intake-file').setInputFiles({
    name: 'poster.png', mimeType: 'image/png', buffer: readFileSync(new URL('fixtures/qr-web-address.png', import.meta.url)),
  });
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /The QR code in “poster\.png” holds no record Record Desk can read\..*What was entered before is kept\./);
  assert.equal(await area.inputValue(), 'PID|1||1||Keep^Me');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a file dropped on the intake screen is opened like a chosen one', async () => {
  const { page, problems } = await openApp(context);
  const text = fixture('vxu-complete.hl7').toString('utf8');
  // A real drop: a DataTransfer holding a File, dispatched on the paste area.
  const transfer = await page.evaluateHandle((content) => {
    const data = new DataTransfer();
    data.items.add(new File([content], 'dropped.hl7', { type: 'text/plain' }));
    return data;
  }, text);
  await page.dispatchEvent('#intake-text', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('#intake-text', 'drop', { dataTransfer: transfer });
  assert.equal(await readingHeadline(page), 'HL7 v2: 1 message, 1 patient record, 3 immunizations.');
  assert.match(await page.locator('#intake-status').innerText(), /^Opened “dropped\.hl7”/);
  // The page is still the app (a drop the app did not take would have navigated to the file).
  assert.equal(new URL(page.url()).pathname, '/');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the readers are a module of their own: when it cannot load, staff are told and the text stays', async () => {
  const { otherProblems, failedRequests } = await withModuleBlocked('recdesk_web_reader_bg.wasm', async ({ page, unblock }) => {
    const record = fixture('dose-statuses.hl7').toString('utf8');
    const area = page.getByLabel(/Paste an HL7 v2 message/);
    await area.fill(record);
    const problem = page.locator('.intake .problem[role=alert]');
    await problem.waitFor();
    assert.match(await problem.innerText(), /The record reader could not be loaded \(is this device offline\?\)\. What was entered is kept/);
    assert.equal(await area.inputValue(), record.replaceAll('\r', '\n'));
    assert.equal(await page.locator('#reading-headline').count(), 0);
    await screenshot(page, 'reading-reader-unavailable');

    // Back online: editing the text reads it.
    unblock();
    await area.press('End');
    await area.press('Enter');
    assert.match(await readingHeadline(page), /^HL7 v2: 1 message, 1 patient record/);
    assert.equal(await problem.count(), 0);
  });
  // The only problems are the blocked module's requests (the prefetch, the directory's hand-over
  // and the first read) and the blocked service worker.
  assert.deepEqual(otherProblems, []);
  assert.ok(failedRequests > 0);
});

test('a large paste is shown by its first lines, read whole, and shown whole on request', async () => {
  const { page, problems } = await openApp(context);
  const header = 'MSH|^~\\&|EHR|CLINIC|IIS|MDH|20240101||VXU^V04^VXU_V04|L1|P|2.5.1\rPID|1||L1^^^CLINIC^MR||Large^Lee||20200101|F\r';
  const dose = (i) => `ORC|RE||D${i}^CLINIC\rRXA|0|1|20240101|20240101|08^HepB^CVX|0.5|mL^mL^UCUM||00^New record^NIP001|||||LOT${i}|20251231|MSD^Merck^MVX|||CP|A\r`;
  const record = header + Array.from({ length: 800 }, (_, i) => dose(i)).join('');
  assert.ok(record.length > 100_000, `${record.length} characters`);
  const area = page.getByLabel(/Paste an HL7 v2 message/);
  // As a paste arrives: the whole text at once, one input event (playwright's fill sends events
  // of its own after that, when the box already shows the short view).
  await area.evaluate((element, text) => {
    element.value = text;
    element.dispatchEvent(new Event('input', { bubbles: true }));
  }, record);
  assert.match(await readingHeadline(page), /1 patient record, 800 immunizations/);
  // The box holds the first lines and says how many more; it cannot be typed into.
  const shown = await area.inputValue();
  assert.ok(shown.length < 9_000, `${shown.length} characters shown`);
  assert.match(shown, /^MSH\|/);
  assert.match(shown, /… [\d,]+ more lines not shown here \(all of it is read\)\.$/);
  assert.notEqual(await area.getAttribute('readonly'), null);
  assert.match(await page.locator('#intake-preview-note').innerText(), /This record is large/);
  assert.match(await page.locator('#intake-status').innerText(), /^[\d,]+ characters in 1,602 lines entered\.$/);
  await screenshot(page, 'reading-large-preview');

  await page.getByRole('button', { name: 'Show and edit all of it' }).click();
  await valueMatching(area, record.replaceAll('\r', '\n'));
  assert.equal(await area.getAttribute('readonly'), null);
  assert.equal(await page.locator('#intake-preview-note').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});
