// A 2D barcode scanner types what it reads, then Enter, into whatever has focus. Record Desk
// knows it by what it types (shc:/ … Enter), not by its speed: the card is read once, at the
// Enter, which is swallowed, and no half-typed card is left in the paste area.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchBrowser, openApp, screenshot, readingHeadline } from './browser.mjs';

let context;
before(async () => { context = await launchBrowser(); });
after(async () => { await context?.close(); });

const card = readFileSync(new URL('../../crates/intake/tests/fixtures/shc-example-00-qr-numeric.txt', import.meta.url), 'utf8').trim();

/** Counts the reader's calls, so a test can say the card was read once, not per keystroke. */
async function countReads(page) {
  // The app reads made-up records once the first screen is idle (to warm the reader up): those
  // calls are over before counting starts.
  await page.waitForFunction(() => performance.getEntriesByName('recdesk:warmed-up').length > 0);
  await page.evaluate(() => {
    const read = globalThis.recdeskRead;
    globalThis.recdeskReads = 0;
    globalThis.recdeskRead = (...args) => { globalThis.recdeskReads += 1; return read(...args); };
  });
  return () => page.evaluate(() => globalThis.recdeskReads);
}

for (const { delay, focus } of [
  { delay: 1, focus: 'the paste area' },
  { delay: 30, focus: 'the paste area' },
  { delay: 1, focus: 'the End session button' },
  { delay: 30, focus: 'the Clear button' },
]) {
  test(`a card typed by a scanner at ${delay} ms a key, with focus on ${focus}, is read once and its Enter presses nothing`, async () => {
    const { page, problems } = await openApp(context);
    const area = page.getByLabel(/Paste an HL7 v2 message/);
    if (focus === 'the paste area') {
      await area.fill('PID|1||1||Earlier^Text\n');
      await readingHeadline(page); // that text's own reading is done before the count starts
      await area.focus();
    } else if (focus === 'the End session button') {
      await page.locator('#end-session').focus();
    } else {
      await area.fill('PID|1||1||Earlier^Text');
      await readingHeadline(page);
      await page.getByRole('button', { name: 'Clear' }).focus();
    }
    const reads = await countReads(page);
    await page.keyboard.type(card, { delay });
    // Until the Enter nothing is read and nothing of the card is in the paste area.
    assert.equal(await reads(), 0);
    assert.doesNotMatch(await area.inputValue(), /shc:\//);
    await page.keyboard.press('Enter');
    assert.equal(await readingHeadline(page), 'SMART Health Card: 1 document, 1 patient record, 3 immunizations.');
    assert.match(await page.locator('#intake-status').innerText(), /^Read the code the scanner typed/);
    // The Enter pressed no focused button (End session or Clear would have emptied the screen).
    assert.equal(await area.inputValue(), card, 'the whole card, and only it, is in the paste area');
    assert.equal(await reads(), 1);
    if (delay === 30 && focus === 'the paste area') await screenshot(page, 'scanner-card');
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('typing that only begins like a card is typed as usual', async () => {
  const { page } = await openApp(context);
  const area = page.getByLabel(/Paste an HL7 v2 message/);
  await area.focus();
  await page.keyboard.type('see shelf 3, shc notes\nsh');
  await page.keyboard.press('Backspace');
  assert.equal(await area.inputValue(), 'see shelf 3, shc notes\ns');
  await page.close();
});
