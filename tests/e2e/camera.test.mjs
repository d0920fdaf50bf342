// The camera scanner: a denied camera says what to do instead and loses nothing; a working camera
// shows its picture and is switched off again when staff stop it or end the session.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openApp, screenshot, readingHeadline, countOf, eventually } from './browser.mjs';

const contexts = [];
after(async () => { for (const context of contexts) await context.close(); });

// Chromium's fake camera (a moving test pattern) and no permission prompt.
const FAKE_CAMERA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/** The states of the tracks of the camera stream the page kept as `window.__stream`. */
const keptTracks = (page) => page.evaluate(() => window.__stream.getTracks().map((t) => t.readyState));

/** The number of live camera tracks the page holds. */
const liveTracks = (page) => page.evaluate(() => {
  const video = document.querySelector('video.camera-view');
  return video?.srcObject?.getTracks().filter((t) => t.readyState === 'live').length ?? 0;
});

test('a denied camera says why and what to do, and keeps what was typed', async () => {
  const context = await launchBrowser({ args: FAKE_CAMERA });
  contexts.push(context);
  await context.clearPermissions();
  const { page, problems } = await openApp(context);
  // Deny the permission the way a user's "Block" does.
  await page.evaluate(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
  });
  await page.getByLabel(/Paste an HL7 v2 message/).fill('PID|1||1||Keep^Me');
  await page.getByRole('button', { name: 'Scan a QR code with the camera' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /camera was not allowed.*open a picture of the QR code instead/s);
  assert.equal(await page.getByLabel(/Paste an HL7 v2 message/).inputValue(), 'PID|1||1||Keep^Me');
  assert.equal(await page.locator('video').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the camera shows its picture while scanning and is switched off by Stop and by End session', async () => {
  const context = await launchBrowser({ args: FAKE_CAMERA });
  contexts.push(context);
  const { page, problems } = await openApp(context);
  await page.getByRole('button', { name: 'Scan a QR code with the camera' }).click();
  await page.getByText('Hold the QR code steady').waitFor();
  assert.equal(await liveTracks(page), 1);
  await screenshot(page, 'camera-scanning');
  // Keep a handle on the stream to check it was stopped after the element is gone.
  await page.evaluate(() => { window.__stream = document.querySelector('video.camera-view').srcObject; });
  await page.getByRole('button', { name: 'Stop the camera' }).first().click();
  await countOf(page.locator('video'), 0);
  await eventually(() => keptTracks(page), ['ended']);

  await page.getByRole('button', { name: 'Scan a QR code with the camera' }).click();
  await page.getByText('Hold the QR code steady').waitFor();
  await page.evaluate(() => { window.__stream = document.querySelector('video.camera-view').srcObject; });
  await page.getByRole('button', { name: 'End session' }).click();
  // The camera going shows the session has ended (nothing was entered, so the intake screen
  // said so before too).
  await countOf(page.locator('video'), 0);
  await page.getByText('Nothing entered yet').waitFor();
  await eventually(() => keptTracks(page), ['ended']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a card held to the camera is read, and the camera switches itself off', async () => {
  // A fake camera that shows a SMART Health Card's QR code (a Y4M video made from the fixture picture).
  const video = new URL('./fixtures/card-qr.y4m', import.meta.url).pathname;
  const context = await launchBrowser({ args: [...FAKE_CAMERA, `--use-file-for-fake-video-capture=${video}`] });
  contexts.push(context);
  const { page, problems } = await openApp(context);
  await page.getByRole('button', { name: 'Scan a QR code with the camera' }).click();
  assert.equal(await readingHeadline(page), 'SMART Health Card: 1 document, 1 patient record, 3 immunizations.');
  assert.match(await page.locator('#intake-status').innerText(), /^Read a QR code with the camera/);
  assert.equal(await page.locator('video').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});
