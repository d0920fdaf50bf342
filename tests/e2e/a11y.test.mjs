// Accessibility: axe-core on every screen of the flow, at desk and kiosk sizes, with a screenshot
// of each for a person to look at. No serious or critical finding is allowed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launchBrowser, openApp, screenshot, continueWizard, readingHeadline } from './browser.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const RECORD = readFileSync(new URL('../../crates/intake/tests/fixtures/vxu-complete.hl7', import.meta.url), 'utf8');

let context;
before(async () => { context = await launchBrowser(); });
after(async () => { await context?.close(); });

/** axe-core's serious and critical findings on the page as it is now, as readable lines. */
async function seriousFindings(page) {
  // evaluate() runs outside the page's CSP, which forbids inline script.
  await page.evaluate(AXE);
  const { violations, passes } = await page.evaluate(async () => window.axe.run(document));
  // A run that checked nothing would pass anything.
  assert.ok(passes.length > 10, `axe-core checked only ${passes.length} rules`);
  if (process.env.RECDESK_AXE_ALL) console.log(violations.map((v) => `${v.id} ${v.impact} ${v.nodes.length}`));
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const SIZES = [
  { name: 'desk', path: '', viewport: { width: 1280, height: 800 } },
  { name: 'kiosk', path: '?kiosk', viewport: { width: 1080, height: 1920 } },
];

for (const size of SIZES) {
  test(`every screen passes axe-core (${size.name})`, async () => {
    const { page } = await openApp(context, { path: size.path, beforeLoad: (page) => page.setViewportSize(size.viewport) });
    const findings = [];
    const check = async (screen) => {
      for (const finding of await seriousFindings(page)) findings.push(`${screen}: ${finding}`);
      await screenshot(page, `screen-${size.name}-${screen}`);
    };
    // Each screen is checked once it shows.
    const next = () => continueWizard(page);

    await check('01-intake-empty');
    await page.getByLabel(/Paste an HL7 v2 message/).fill(RECORD);
    await readingHeadline(page);
    await check('02-intake-read');
    await page.getByRole('button', { name: 'Verify the requester' }).click();
    await page.getByLabel('Your name', { exact: true }).waitFor();
    await check('03-verify-name');
    await page.getByLabel('Your name', { exact: true }).fill('Dana Front');
    await next();
    await page.getByText('Why is this asked?').click();
    await check('04-verify-requester');
    await page.getByLabel('a parent or guardian of a minor', { exact: true }).check();
    await next();
    await page.getByLabel('Ask the requester questions (knowledge check)').check();
    await page.getByLabel("Patient's name", { exact: true }).fill('Thi Anh Nguyen');
    await page.getByLabel("Patient's birth date", { exact: true }).fill('04/02/2019');
    await page.getByLabel('ZIP code', { exact: true }).fill('55401');
    await check('05-verify-identity');
    await next();
    await check('06-verify-documents');
    await page.getByLabel('birth record naming the requester as parent', { exact: true }).check();
    await next();
    await page.getByLabel('no court order known', { exact: true }).check();
    await next();
    await page.getByLabel('for a school, child care or college', { exact: true }).check();
    await next();
    await page.getByLabel('No', { exact: true }).check();
    await next();
    await check('07-verify-mailing-address');
    await page.getByLabel("the clinic's own chart or system", { exact: true }).check();
    await next();
    await page.getByLabel('No', { exact: true }).check();
    await next();
    await check('08-verify-summary');
    await page.getByRole('button', { name: 'Confirm and decide' }).click();
    await page.locator('#verify-outcome').waitFor();
    await check('09-verify-decision');
    await page.getByRole('button', { name: 'Continue: review the copy' }).click();
    await page.getByText(/item\(s\) withheld from this copy/).click();
    await check('10-review');
    assert.deepEqual(findings, []);
    await page.close();
  });
}
