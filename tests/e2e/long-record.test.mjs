// A long history (a registry's whole record of an adult: hundreds of doses). The paste area shows
// only its first lines, and the review draws its first screenful at once and the rest in steps
// after, so it opens quickly; every row is then in the page, for find-in-page, screen readers,
// printing and the PDF.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, openApp, decideAdultOwnRecord, readingHeadline, countOf, downloadedPdf,
} from './browser.mjs';

let context;
before(async () => { context = await launchBrowser(); });
after(async () => { await context?.close(); });

const DOSES = 300;
const VACCINES = [['03', 'MMR'], ['08', 'Hep B'], ['20', 'DTaP'], ['88', 'Influenza'], ['115', 'Tdap']];

/** A VXU for an adult born in 1960 with `doses` doses, one every 9 days from 1961, lots LOT1, LOT2… */
function vxu(doses) {
  const segments = [
    'MSH|^~\\&|EHR|CLINIC|MIIC|MDH|20240305101500-0600||VXU^V04^VXU_V04|LONG-1|P|2.5.1|||ER|AL',
    'PID|1||MRN-LONG^^^CLINIC^MR||Longhistory^Pat||19600115|F',
  ];
  for (let i = 0; i < doses; i += 1) {
    const [cvx, name] = VACCINES[i % VACCINES.length];
    const date = new Date(Date.UTC(1961, 0, 10) + i * 9 * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    segments.push(`RXA|0|1|${date}|${date}|${cvx}^${name}^CVX|0.5|mL^mL^UCUM||00^New record^NIP001||||||LOT${i + 1}||MSD^Merck^MVX|||CP|A`);
  }
  return `${segments.join('\r')}\r`;
}

test('a long record\'s review draws its first screenful first, then every row', async () => {
  const { page, problems } = await openApp(context);
  await page.getByLabel(/Paste an HL7 v2 message/).fill(vxu(DOSES));
  assert.equal(await readingHeadline(page), `HL7 v2: 1 message, 1 patient record, ${DOSES} immunizations.`);
  await decideAdultOwnRecord(page, 'Dana Front');
  // Watched from the click: the dose rows of the copy each time the page changes, and whether
  // the copy said it was still being drawn.
  await page.evaluate(() => {
    const seen = { rows: [], busy: false };
    globalThis.reviewDrawing = seen;
    new MutationObserver(() => {
      const copy = document.getElementById('print-copy');
      if (!copy) return;
      seen.rows.push(copy.querySelectorAll('tbody tr').length);
      seen.busy ||= copy.getAttribute('aria-busy') === 'true';
    }).observe(document.body, { childList: true, subtree: true, attributes: true });
  });
  await page.getByRole('button', { name: 'Continue: review the copy' }).click();
  const copy = page.locator('#print-copy');
  await page.locator('#print-copy[aria-busy="false"]').waitFor();
  const staff = page.locator('.staff-pane .stepped-sections[aria-busy="false"]');
  await staff.waitFor();
  const drawing = await page.evaluate(() => globalThis.reviewDrawing);
  const first = drawing.rows.find((rows) => rows > 0);
  assert.ok(first < DOSES, `the first drawing held ${first} rows, not all ${DOSES}`);
  assert.ok(drawing.busy, 'the copy was aria-busy while rows were still to come');
  // Then every dose is there, in both panes, the last one included.
  await countOf(copy.locator('table.columns-4 tbody tr'), DOSES);
  assert.match(await copy.innerText(), new RegExp(`LOT${DOSES}\\b`));
  assert.match(await page.locator('.staff-pane').innerText(), new RegExp(`LOT${DOSES}\\b`));
  // The PDF, made from the same model, has the last dose too.
  const { text: pdf } = await downloadedPdf(page, 'long-record');
  assert.match(pdf, new RegExp(`LOT${DOSES}\\b`));
  assert.deepEqual(problems, []);
  await page.close();
});

test('printing while a long review is still being drawn prints every row', async () => {
  const { page, problems } = await openApp(context);
  await page.getByLabel(/Paste an HL7 v2 message/).fill(vxu(DOSES));
  assert.equal(await readingHeadline(page), `HL7 v2: 1 message, 1 patient record, ${DOSES} immunizations.`);
  await decideAdultOwnRecord(page, 'Dana Front');
  await page.getByRole('button', { name: 'Continue: review the copy' }).waitFor();
  // The review is opened and Print pressed in one task and its microtasks, so no drawing step (a
  // timer) can run before: the rows the page holds are counted when the browser is asked to print.
  const rows = await page.evaluate(async () => {
    const settle = async () => { for (let i = 0; i < 20; i += 1) await Promise.resolve(); };
    const count = () => document.getElementById('print-copy')?.querySelectorAll('table.columns-4 tbody tr').length ?? 0;
    const printed = new Promise((resolve) => { window.print = () => resolve(count()); });
    document.getElementById('to-review').click();
    await settle();
    const before = count();
    document.getElementById('print').click();
    return { before, printed: await printed };
  });
  assert.ok(rows.before > 0 && rows.before < DOSES, `the review first drew ${rows.before} rows`);
  assert.equal(rows.printed, DOSES, JSON.stringify(rows));
  assert.deepEqual(problems, []);
  await page.close();
});
