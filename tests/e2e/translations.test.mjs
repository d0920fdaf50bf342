// The patient's copy in English and a second language: chosen on the review, its catalogue fetched
// then (never with the first screen), printed beside the English in the print view and the PDF
// when the clinic's settings allow drafts, and refused with a reason when they do not.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  launchBrowser, openApp, decide, choose, continueWizard, eventually, textMatching, screenshot, downloadedPdf, assertHasAll,
  printedText, ADULT_RECORD,
} from './browser.mjs';

const contexts = [];
after(async () => { for (const context of contexts) await context.close(); });

/** A browser whose pages get `settings` as settings.json, and that counts catalogue fetches. */
async function browserWith(settings) {
  // No service worker: it would answer settings.json itself (the offline test covers it).
  const context = await launchBrowser({ serviceWorkers: 'block' });
  contexts.push(context);
  await context.route('**/settings.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: settings }));
  return context;
}

const DRAFTS_ALLOWED = '{"version": 1, "draft_translations": "print_marked"}';
const DEFAULTS = '{"version": 1}';
const realProblems = (problems) => problems.filter((problem) => !/Service Worker registration blocked/.test(problem));
const catalogue = (code) => JSON.parse(readFileSync(new URL(`../../crates/report/translations/${code}.json`, import.meta.url), 'utf8'));
const HL7 = readFileSync(new URL('../../crates/intake/tests/fixtures/vxu-complete.hl7', import.meta.url), 'utf8');

/** A parent asks for the family's copy of the record; the review opens on the patient's copy. */
async function patientsCopy(page) {
  await page.getByLabel(/Paste an HL7 v2 message/).fill(HL7);
  await decide(page, {
    requester: 'a parent or guardian of a minor',
    documents: ['the record names the requester as parent or guardian'],
    purpose: 'for the patient or family to keep',
  });
  await page.getByRole('button', { name: 'Continue: review the copy' }).click();
  await page.locator('#print-copy').waitFor();
}

const squeezed = (text) => text.replace(/\s+/g, '');

for (const [code, name] of [['es', 'Spanish'], ['so', 'Somali'], ['hmn', 'Hmong']]) {
  test(`${name}: the patient's copy prints in English and ${name}, on screen, on paper and in the PDF`, async () => {
    const context = await browserWith(DRAFTS_ALLOWED);
    const fetched = [];
    context.on('request', (request) => { if (request.url().includes('/translations/')) fetched.push(request.url()); });
    const { page, problems } = await openApp(context);
    await patientsCopy(page);
    assert.deepEqual(fetched, [], 'no catalogue is fetched before a language is chosen');
    await page.locator('#copy-language').selectOption(code);
    await textMatching(page.locator('#copy-language-status'), new RegExp(`printed in English with ${name} beside it`));
    assert.deepEqual(fetched.map((url) => new URL(url).pathname.split('/').pop()), [`${code}.json`]);
    const strings = catalogue(code).strings;
    const expected = ['title', 'immunizations', 'birth_date', 'release', 'english_authoritative', 'draft_translation', 'group.mmr']
      .map((key) => strings[key].text);
    const screen = await textMatching(page.locator('#print-copy'), new RegExp(strings.immunizations.text));
    assertHasAll(screen, [...expected, 'Immunization record', 'Immunizations', 'Draft translation', 'Nguyễn'], 'the print view');
    // Each translation is marked with its language, for screen readers.
    const marked = await page.locator(`#print-copy [lang=${code}]`).allInnerTexts();
    assert.ok(marked.includes(strings.immunizations.text), `the heading's translation is marked: ${marked.join(' | ')}`);
    assert.ok(marked.length > 20, `${marked.length} marked translations`);
    await screenshot(page, `translations-${code}-review`);
    const paper = squeezed(await printedText(page, `translations-${code}-print`, '-raw'));
    for (const text of [...expected, 'Immunization record', 'Nguyễn']) {
      assert.ok(paper.includes(squeezed(text)), `the printout lacks "${text}"`);
    }
    const pdf = squeezed((await downloadedPdf(page, `translations-${code}.pdf`)).raw);
    for (const text of [...expected, 'Immunization record', 'Nguyễn']) {
      assert.ok(pdf.includes(squeezed(text)), `the PDF lacks "${text}"`);
    }
    // Back to English only: the translation is gone from the copy.
    await page.locator('#copy-language').selectOption('en');
    await eventually(async () => (await page.locator('#print-copy').innerText()).includes(strings.immunizations.text), false,
      'the translation is gone once English only is chosen');
    assert.deepEqual(realProblems(problems), []);
    await page.close();
  });
}

test("a draft translation is refused under the clinic's default settings, and the copy stays English", async () => {
  const context = await browserWith(DEFAULTS);
  const { page, problems } = await openApp(context);
  await patientsCopy(page);
  await page.locator('#copy-language').selectOption('so');
  const status = await textMatching(page.locator('#copy-language-status'), /The copy is printed in English only\.$/);
  assert.match(status, /^The Somali translation has 143 strings no reviewer has checked yet/);
  assert.doesNotMatch(await page.locator('#print-copy').innerText(), /Diiwaanka tallaalka/);
  await screenshot(page, 'translations-refused');
  assert.deepEqual(realProblems(problems), []);
  await page.close();
});

test('the language choice is offered for the patient\'s copy only', async () => {
  const context = await browserWith(DRAFTS_ALLOWED);
  const { page } = await openApp(context);
  await patientsCopy(page);
  assert.equal(await page.locator('#copy-language').count(), 1);
  await page.getByLabel('the school copy — ').check();
  await textMatching(page.locator('#copy-pane-heading'), /school copy/i);
  assert.equal(await page.locator('#copy-language').count(), 0);
  await page.close();
});

// The kiosk's screens: one control switches them; staff screens stay English.
const ADULT = ADULT_RECORD;

/** Lets `seconds` pass on the page's fake clock a second at a time, as a real event loop would. */
async function idle(page, seconds) {
  for (let i = 0; i < seconds; i += 1) await page.clock.runFor(1000);
}

for (const [code, name] of [['es', 'Spanish'], ['so', 'Somali'], ['hmn', 'Hmong']]) {
  test(`the kiosk switches its screens to ${name} and back with one control`, async () => {
    const context = await browserWith(DRAFTS_ALLOWED);
    const fetched = [];
    context.on('request', (request) => { if (request.url().includes('/translations/')) fetched.push(request.url()); });
    const { page, problems } = await openApp(context, { path: '?kiosk' });
    const strings = catalogue(code).strings;
    await page.locator('#screen-language').waitFor();
    assert.deepEqual(fetched, [], 'no catalogue is fetched with the first screen');
    await page.locator('#screen-language').selectOption(code);
    await textMatching(page.locator('#end-session'), new RegExp(strings['screen.end_session'].text));
    assert.equal(fetched.length, 1);
    assertHasAll(await page.locator('.masthead').innerText(), [strings['screen.privacy_promise'].text, strings.draft_translation.text]);
    assert.equal(await page.locator('.masthead').getAttribute('lang'), code);
    assert.equal(await page.locator('#intake-heading').innerText(), strings['screen.intake_heading'].text);
    assertHasAll(await page.locator('.intake').innerText(), [
      strings['screen.open_file'].text, strings['screen.camera_start'].text, strings['screen.kiosk_no_links'].text,
    ], 'the intake screen');
    await screenshot(page, `translations-kiosk-${code}`);
    // The paste area is still labelled, in the chosen language.
    await page.getByLabel(strings['screen.intake_label'].text).fill(ADULT);
    await page.locator('#reading-headline').waitFor();
    // Staff's screens stay English: the questions.
    await page.getByRole('button', { name: 'Verify the requester' }).click();
    await page.getByRole('heading', { name: 'Verify the requester' }).waitFor();
    // Back to English with the same control.
    await page.locator('#screen-language').selectOption('en');
    await textMatching(page.locator('#end-session'), /^End session$/);
    assert.equal(await page.locator('.masthead').getAttribute('lang'), null);
    assert.deepEqual(realProblems(problems), []);
    await page.close();
  });
}

test("under the clinic's default settings the kiosk's draft words are not shown, and it says why", async () => {
  const context = await browserWith(DEFAULTS);
  const { page, problems } = await openApp(context, { path: '?kiosk' });
  await page.locator('#screen-language').selectOption('hmn');
  const problem = await textMatching(page.locator('#language-problem'), /The screens stay in English\.$/);
  assert.match(problem, /^The Hmong words for these screens are not yet reviewed by a qualified translator/);
  assert.equal(await page.locator('#end-session').innerText(), 'End session');
  assert.deepEqual(realProblems(problems), []);
  await page.close();
});

test('End session and the idle wipe bring the kiosk back to English', async () => {
  const context = await browserWith(DRAFTS_ALLOWED);
  const { page, problems } = await openApp(context, { path: '?kiosk', beforeLoad: (page) => page.clock.install() });
  const strings = catalogue('so').strings;
  await page.locator('#screen-language').selectOption('so');
  await textMatching(page.locator('#end-session'), new RegExp(strings['screen.end_session'].text));
  await page.locator('#end-session').click();
  await textMatching(page.locator('#end-session'), /^End session$/);
  assert.equal(await page.locator('#screen-language').inputValue(), 'en');
  // Chosen again, with a record on screen: the idle wipe ends the session, in English again.
  await page.locator('#screen-language').selectOption('so');
  await textMatching(page.locator('#end-session'), new RegExp(strings['screen.end_session'].text));
  await page.getByLabel(strings['screen.intake_label'].text).fill(ADULT);
  await page.locator('#reading-headline').waitFor();
  await idle(page, 105);
  await textMatching(page.locator('#idle-warning'), new RegExp(strings['screen.keep_working'].text));
  await idle(page, 25);
  await textMatching(page.locator('#end-session'), /^End session$/);
  assert.equal(await page.locator('#screen-language').inputValue(), 'en');
  assert.equal(await page.getByLabel(/Paste an HL7 v2 message/).inputValue(), '');
  // A language chosen with nothing entered is wiped too: the next family finds English.
  await page.locator('#screen-language').selectOption('so');
  await textMatching(page.locator('#end-session'), new RegExp(strings['screen.end_session'].text));
  await idle(page, 130);
  await textMatching(page.locator('#end-session'), /^End session$/);
  assert.deepEqual(realProblems(problems), []);
  await page.close();
});

test("a denial's list of what to bring is given in the kiosk's language under the English", async () => {
  const context = await browserWith(DRAFTS_ALLOWED);
  const { page, problems } = await openApp(context, { path: '?kiosk' });
  const strings = catalogue('es').strings;
  await page.getByLabel(/Paste an HL7 v2 message/).fill(ADULT);
  await page.getByRole('button', { name: 'Verify the requester' }).click();
  await page.getByRole('heading', { name: 'Verify the requester' }).waitFor();
  // Chosen while the questions show: the open desk takes it without losing its answers.
  await page.locator('#screen-language').selectOption('es');
  await textMatching(page.locator('#end-session'), new RegExp(strings['screen.end_session'].text));
  await textMatching(page.locator('#verify-question'), /Your name/);
  await page.getByLabel('Your name', { exact: true }).fill('Dana Front');
  await continueWizard(page);
  await choose(page, 'an employer');
  await textMatching(page.locator('#verify-question'), /signed consent/);
  await choose(page, 'No signed consent');
  await page.getByRole('button', { name: 'Confirm and decide' }).click();
  const outcome = await textMatching(page.locator('#verify-outcome'), /Decision: do not release/);
  assertHasAll(outcome, [
    'What the requester can bring next time:', strings['screen.bring_title'].text,
    "the patient's signed and dated consent", strings['bring.patient_consent'].text,
  ], 'the denial');
  assert.equal(await page.locator('.outcome-next .translation').first().getAttribute('lang'), 'es');
  await screenshot(page, 'translations-kiosk-denial');
  assert.deepEqual(realProblems(problems), []);
  await page.close();
});
