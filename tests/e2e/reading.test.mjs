// The intake screen reads what is pasted or opened with the real libraries (compiled to
// WebAssembly) and says what it found, or why it could not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchBrowser, openApp, screenshot } from './browser.mjs';

let context;
before(async () => { context = await launchBrowser(); });
after(async () => { await context?.close(); });

const fixture = (name) => readFileSync(new URL(`../../crates/intake/tests/fixtures/${name}`, import.meta.url));

test('a pasted HL7 VXU is read: patient, doses and notes about the input', async () => {
  const { page, problems } = await openApp(context);
  await page.getByLabel(/Paste an HL7 v2 message/).fill(fixture('dose-statuses.hl7').toString('utf8'));
  const headline = page.locator('#reading-headline');
  await headline.waitFor();
  assert.equal(
    await headline.innerText(),
    'HL7 v2: 1 message, 1 patient record, 7 immunizations (and 1 entered in error, not counted).',
  );
  assert.equal(await page.locator('.reading-patients li').innerText(), 'Finn Fox, born 2020-01-01');
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
  await page.locator('#reading-headline').waitFor();
  assert.equal(await page.locator('#reading-headline').innerText(), 'HL7 v2: 1 message, 1 patient record, 3 immunizations.');
  assert.equal(await page.locator('.reading-patients li').innerText(), 'Thị Ánh Nguyễn, born 2019-04-02');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a PDF is refused with a reason and what was typed stays', async () => {
  const { page } = await openApp(context);
  const area = page.getByLabel(/Paste an HL7 v2 message/);
  await area.fill('PID|1||1||Keep^Me');
  await page.locator('#intake-file').setInputFiles({
    name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'),
  });
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /“scan\.pdf” was not opened\. This is a PDF/);
  assert.equal(await area.inputValue(), 'PID|1||1||Keep^Me');
  await page.close();
});

test('text that is no record says what was expected', async () => {
  const { page } = await openApp(context);
  await page.getByLabel(/Paste an HL7 v2 message/).fill('Dear clinic, please send my records.');
  assert.match(await page.locator('#reading-headline').innerText(), /Expected an HL7 v2 message \(starting with MSH\|\)/);
  await page.close();
});
