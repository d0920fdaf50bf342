// The whole flow: a record in, the requester verified, the copy reviewed and printed, the session
// ended. Checks what each recipient's copy holds and lacks, that nothing stays behind in any
// browser store or in the page, that hostile text stays text, and that no CSP violation fires.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  launchBrowser, openApp, choose, continueWizard, decide, readingHeadline, textMatching, countOf, APP_URL, screenshot,
  downloadedPdf, assertHasAll, showPhotoId, printedText,
} from './browser.mjs';

let context;
before(async () => { context = await launchBrowser(); });
after(async () => { await context?.close(); });

const fixture = (name) => readFileSync(new URL(`../../crates/intake/tests/fixtures/${name}`, import.meta.url));

// A FHIR bundle with every kind of sensitive item, and a name that is also HTML.
const HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">';
const FHIR_BUNDLE = JSON.stringify({
  resourceType: 'Bundle',
  type: 'collection',
  timestamp: '2025-09-30T10:00:00Z',
  entry: [
    { fullUrl: 'urn:uuid:p1', resource: {
      resourceType: 'Patient', id: 'p1',
      identifier: [{ system: 'urn:oid:2.16.840.1.113883.4.1', value: 'SSN-999-88-7777' }, { system: 'http://clinic.example/mrn', value: 'MRN-FHIR-31' }],
      name: [{ family: 'Xyooj', given: ['Pa', HOSTILE_NAME] }],
      birthDate: '2016-05-09', gender: 'female',
      address: [{ line: ['77 Hmong Way'], city: 'Saint Paul', state: 'MN', postalCode: '55106' }],
      telecom: [{ system: 'phone', value: '651-555-0199' }],
    } },
    { fullUrl: 'urn:uuid:m1', resource: {
      resourceType: 'RelatedPerson', id: 'm1', patient: { reference: 'urn:uuid:p1' },
      relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'MTH' }] }],
      name: [{ family: 'Vang', given: ['Maiv'] }],
    } },
    { fullUrl: 'urn:uuid:c1', resource: {
      resourceType: 'Coverage', id: 'c1', status: 'active', beneficiary: { reference: 'urn:uuid:p1' },
      subscriberId: 'MEDICAID-4455', payor: [{ display: 'Minnesota Medical Assistance' }],
    } },
    { fullUrl: 'urn:uuid:i1', resource: {
      resourceType: 'Immunization', id: 'i1', status: 'completed', patient: { reference: 'urn:uuid:p1' },
      vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '03' }] },
      occurrenceDateTime: '2017-05-10', lotNumber: 'LOT-MMR-8',
      programEligibility: [{ coding: [{ system: 'urn:oid:2.16.840.1.114222.4.5.274', code: 'V02' }] }],
    } },
    { fullUrl: 'urn:uuid:i2', resource: {
      resourceType: 'Immunization', id: 'i2', status: 'completed', patient: { reference: 'urn:uuid:p1' },
      vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '20' }] },
      occurrenceDateTime: '2016-07-12',
    } },
  ],
});

/** Opens the app with a listener for CSP violations installed before any page script runs. */
function open(path = '') {
  return openApp(context, {
    path,
    beforeLoad: (page) => page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    }),
  });
}

/** A parent the record names, with a driver's licence, asking for a copy `purpose`. */
const parentAsking = (purpose) => ({
  requester: 'a parent or guardian of a minor',
  documents: ['the record names the requester as parent or guardian'],
  purpose,
});

/** From the intake to the review, answering as `decide` does (browser.mjs). */
async function verify(page, answers) {
  await decide(page, answers);
  await page.getByRole('button', { name: 'Continue: review the copy' }).click();
  await page.locator('#print-copy').waitFor();
}

/** Chooses the copy `name` on the review; the print view shows it once it is laid out again. */
async function chooseCopy(page, name) {
  await page.getByLabel(`${name} — `).check();
  await textMatching(page.locator('#copy-pane-heading'), new RegExp(`^What is printed: ${name}$`, 'i')); // shown in capitals
}

/** The copy as a PDF from the "… as PDF" button (the lazily loaded PDF module), read back with pdftotext. */
async function downloadedPdfText(page, name) {
  const { fileName, text } = await downloadedPdf(page, name);
  assert.equal(fileName, 'immunization-record-school-copy.pdf');
  return text;
}

/** The same, in the order the PDF draws it (a table row by row), with white space made single spaces. */
async function downloadedPdfRows(page, name) {
  const { fileName, raw } = await downloadedPdf(page, name);
  assert.equal(fileName, 'immunization-record-school-copy.pdf');
  return raw.split(/\s+/).join(' ');
}

function assertLacks(text, values, where) {
  for (const value of values) assert.ok(!text.includes(value), `${where} shows "${value}"`);
}

const assertHas = assertHasAll;

// What no organization's copy may hold, per record.
const HL7_SENSITIVE = ['Nguyễn Mai', 'MRN-44', '123-45-6789', 'MA998877', 'Managed Care', 'VFC eligible', 'V02', '612', 'anh.family@example.com', 'LOT123', '12 Lake St'];
const FHIR_SENSITIVE = ['Vang', 'Maiv', 'SSN-999', 'MRN-FHIR-31', 'MEDICAID-4455', 'Medical Assistance', '651-555-0199', 'LOT-MMR-8', '77 Hmong Way'];

test('a name outside the PDF font is named before printing, prints as a square on the PDF and stays itself in the print view', async () => {
  const { page, problems } = await open();
  const message = fixture('vxu-complete.hl7').toString('utf8').replace('Nguyễn^Thị Ánh^^^^^L', 'Lý^小龍 Ánh^^^^^L');
  await page.getByLabel(/Paste an HL7 v2 message/).fill(message);
  await verify(page, parentAsking('for a school, child care or college'));
  const note = page.locator('#unprintable-note');
  assert.match(await note.innerText(), /The PDF cannot print “小”, “龍” .* each prints as □/);
  await screenshot(page, 'flow-unprintable-note');
  // The print view is the page itself, in the browser's fonts (whether they draw these depends
  // on the fonts installed, so the text is checked, not the pixels).
  assert.match(await page.locator('#print-copy').innerText(), /小龍 Ánh/);
  const pdfText = await downloadedPdfText(page, 'flow-unprintable.pdf');
  assert.match(pdfText, /□□ Ánh/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('HL7: a school copy for a parent lacks every withheld field, on screen and on paper', async () => {
  const { page, problems } = await open();
  await page.getByLabel(/Paste an HL7 v2 message/).fill(fixture('vxu-complete.hl7').toString('utf8'));
  await verify(page, parentAsking('for a school, child care or college'));
  const copy = await page.locator('#print-copy').innerText();
  assertHas(copy, ['Nguyễn', 'Thị Ánh', '2019-04-02', 'DTaP', 'MMR', 'Released by', 'Dana Front'], 'the school copy');
  assertLacks(copy, HL7_SENSITIVE, 'the school copy');
  // The hepatitis B dose given at 4 is the school's to see (only doses from age 12 are held).
  assertHas(copy, ['Hep B'], 'the school copy');
  // The staff pane beside it shows the whole record, the mother the record names included.
  assertHas(await page.locator('.staff-pane').innerText(), ['Hep B', '12 Lake St', 'Mother', 'Mai'], 'the staff pane');
  await page.getByText(/item\(s\) withheld from this copy/).click();
  assertHas(await page.locator('#withheld-log').innerText(), ['PID-3', 'MIIC data use agreement'], 'the withheld log');
  await screenshot(page, 'flow-hl7-school-review');
  const paper = await printedText(page, 'flow-hl7-school-print');
  assertHas(paper, ['Nguyễn', 'DTaP', 'Dana Front'], 'the printout');
  assertLacks(paper, [...HL7_SENSITIVE, 'whole record', 'End session'], 'the printout');
  // The PDF (made by the lazily loaded PDF module) says the same.
  const pdfText = await downloadedPdfText(page, 'flow-hl7-school.pdf');
  assertHas(pdfText, ['Nguyễn', 'DTaP', 'Dana Front', 'Prepared for a school'], 'the PDF');
  assertLacks(pdfText, HL7_SENSITIVE, 'the PDF');
  // Said once the PDF has been handed to the browser, which also starts the download.
  await textMatching(page.locator('#pdf-status'), /Record Desk keeps no copy/);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(problems, []);
  await page.close();
});

// An ordinary kindergartner: hepatitis B at birth, three DTaP-HepB-IPV doses, DTaP, then DTaP-IPV.
const KINDERGARTNER = [
  'MSH|^~\\&|MYEHR|CLINIC|MIIC|MDH|20251002090000-0500||VXU^V04^VXU_V04|VXU-K1|P|2.5.1',
  'PID|1||MRN-K5^^^CLINIC^MR||Hang^Nou^^^^^L||20210815|F|||44 Birch Ln^^Saint Paul^MN^55106^USA^H',
  'NK1|1|Hang^Yer^^^^^L|MTH^Mother^HL70063',
  ...[
    ['20210815', '08^Hep B, adolescent or pediatric'],
    ['20211015', '110^DTaP-Hep B-IPV'],
    ['20211215', '110^DTaP-Hep B-IPV'],
    ['20220215', '110^DTaP-Hep B-IPV'],
    ['20221115', '20^DTaP'],
    ['20251001', '130^DTaP-IPV'],
  ].flatMap(([date, vaccine], i) => [`ORC|RE||K${i}^CLINIC`, `RXA|0|1|${date}|${date}|${vaccine}^CVX|0.5|mL^mL^UCUM||00^New record^NIP001||||||||||CP|A`]),
].join('\r');

/** How many times `date` is printed in `text` (a combination dose prints under each of its groups). */
const timesPrinted = (text, date) => text.split(date).length - 1;

/** Picks the grade for the school status on the review; the copy is laid out again. */
async function chooseGrade(page, label, { fullHistory = false } = {}) {
  await page.locator('#school-grade').selectOption({ label });
  if (fullHistory) await page.getByLabel(/This record is the child's full immunization history/).check();
  await textMatching(page.locator('#print-copy'), new RegExp(`Level\\s+${label}`));
}

/** The same child with MMR and varicella at 12 months and MMRV at 4: every kindergarten vaccine complete. */
const KINDERGARTNER_COMPLETE = [
  KINDERGARTNER,
  ...[
    ['20220816', '03^MMR'],
    ['20220816', '21^Varicella'],
    ['20251001', '94^MMRV'],
  ].flatMap(([date, vaccine], i) => [`ORC|RE||KC${i}^CLINIC`, `RXA|0|1|${date}|${date}|${vaccine}^CVX|0.5|mL^mL^UCUM||00^New record^NIP001||||||||||CP|A`]),
].join('\r');

test('regression: a kindergartner\'s school copy holds every DTaP, polio and hepatitis B dose, on screen and in the PDF', async () => {
  const { page, problems } = await open();
  await page.getByLabel(/Paste an HL7 v2 message/).fill(KINDERGARTNER);
  await verify(page, parentAsking('for a school, child care or college'));
  // Nothing is held: an infant cannot consent (doses are held only from age 12).
  assert.equal(await page.locator('#held-for-review').count(), 0);
  await chooseGrade(page, 'Kindergarten');
  const pdf = await downloadedPdfText(page, 'flow-kindergarten-school.pdf');
  for (const text of [await page.locator('#print-copy').innerText(), pdf]) {
    // Under DTaP, polio and hepatitis B; DTaP and polio; DTaP; hepatitis B: in the immunization
    // tables, and again in the school status's rows of the vaccines they count toward.
    const expected = { '2021-10-15': 6, '2021-12-15': 6, '2022-02-15': 6, '2025-10-01': 4, '2022-11-15': 2, '2021-08-15': 3 };
    for (const [date, times] of Object.entries(expected)) {
      // The birth date prints once in the patient's details, and the birth dose once.
      assert.equal(timesPrinted(text, date), times, `${date} in:\n${text}`);
    }
    assertLacks(text, ['held for', 'clinician'], 'the school copy');
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('a complete kindergartner\'s school copy says complete for every vaccine; a missing polio dose is named', async () => {
  const { page, problems } = await open();
  await page.getByLabel(/Paste an HL7 v2 message/).fill(KINDERGARTNER_COMPLETE);
  await verify(page, parentAsking('for a school, child care or college'));
  await chooseGrade(page, 'Kindergarten', { fullHistory: true });
  const onScreen = await page.locator('#print-copy').innerText();
  assertHas(onScreen, ['Minnesota school immunization status', 'Staff confirmed that this record is the child\'s full immunization history'], 'the school copy');
  await screenshot(page, 'flow-kindergarten-status-review');
  const pdf = await downloadedPdfRows(page, 'flow-kindergarten-complete.pdf');
  for (const row of [
    'DTaP/DT 2021-10-15 2021-12-15 2022-02-15 2022-11-15 2025-10-01 complete',
    'Polio 2021-10-15 2021-12-15 2022-02-15 2025-10-01 complete',
    'MMR 2022-08-16 2025-10-01 complete',
    'Hepatitis B 2021-08-15 2021-10-15 2021-12-15 2022-02-15 complete',
    'Varicella 2022-08-16 2025-10-01 complete',
  ]) assertHas(pdf, [row], 'the PDF');
  assertHas(pdf, ['Level Kindergarten Status complete', '4 of 5', '2 of 2'], 'the PDF');
  assertLacks(pdf, ['not complete', 'based on the doses in this record only'], 'the PDF');
  // Without the polio in the 4-year DTaP-IPV, polio is not complete and says what is missing.
  assert.deepEqual(problems, []);
  await page.close();
  const second = await open();
  await second.page.getByLabel(/Paste an HL7 v2 message/).fill(KINDERGARTNER_COMPLETE.replace('130^DTaP-IPV', '20^DTaP'));
  await verify(second.page, parentAsking('for a school, child care or college'));
  await chooseGrade(second.page, 'Kindergarten');
  const missing = await downloadedPdfRows(second.page, 'flow-kindergarten-missing-polio.pdf');
  assertHas(missing, [
    'Status not complete (based on the doses in this record only)',
    'Polio 2021-10-15 2021-12-15 2022-02-15 not complete: needs 1 more dose of Polio',
  ], 'the PDF');
  assert.deepEqual(second.problems, []);
  await second.page.close();
});

test('a varicella history reaches the school status only when staff add it to the copy for an exemption', async () => {
  const { page, problems } = await open();
  const record = readFileSync(new URL('../../crates/cli/tests/school/kindergarten-varicella-history.hl7', import.meta.url), 'utf8');
  await page.getByLabel(/Paste an HL7 v2 message/).fill(record);
  await verify(page, parentAsking('for a school, child care or college'));
  await chooseGrade(page, 'Kindergarten');
  // The school's copy holds no clinical items by default, so its status cannot know of the history.
  await textMatching(page.locator('#print-copy'), /Varicella\s+not complete: needs 2 doses of Varicella/);
  await page.getByLabel(/Add the record's contraindications and evidence of immunity/).check();
  const copy = await textMatching(page.locator('#print-copy'), /a medical exemption may apply: the school needs the signed statement/);
  assertHas(copy, ['Varicella infection', 'this report is not one'], 'the school copy with the exemption evidence');
  assertLacks(copy, ['exempt.', 'Exempt '], 'the school copy');
  await screenshot(page, 'flow-school-exemption-evidence');
  assert.deepEqual(problems, []);
  await page.close();
});

test('HL7: the patient copy for an adult-style own-use request holds the address', async () => {
  const { page, problems } = await open();
  await page.getByLabel(/Paste an HL7 v2 message/).fill(fixture('vxu-complete.hl7').toString('utf8'));
  await verify(page, parentAsking('for the patient or family to keep'));
  const copy = await page.locator('#print-copy').innerText();
  assertHas(copy, ['12 Lake St', 'DTaP', 'MMR'], "the patient's copy");
  assertLacks(copy, ['123-45-6789', 'MA998877'], "the patient's copy (identifiers are never printed)");
  // A less redacted copy than the decision allows is never offered.
  assert.equal(await page.getByLabel(/the patient's copy —/).count(), 1);
  await chooseCopy(page, 'the school copy');
  assertLacks(await page.locator('#print-copy').innerText(), ['12 Lake St'], 'the school copy chosen on review');
  assert.deepEqual(problems, []);
  await page.close();
});

test('FHIR: a school asking gets the school copy; hostile text stays text', async () => {
  const { page, problems } = await open();
  await page.getByLabel(/Paste an HL7 v2 message/).fill(FHIR_BUNDLE);
  await verify(page, { requester: 'a school', organization: true });
  const copy = await page.locator('#print-copy').innerText();
  assertHas(copy, ['Xyooj', HOSTILE_NAME, '2016-05-09', 'MMR', 'DTaP'], 'the school copy');
  assertLacks(copy, FHIR_SENSITIVE, 'the school copy');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('#print-copy img').count(), 0);
  const paper = await printedText(page, 'flow-fhir-school-print');
  assertHas(paper, ['Xyooj'], 'the printout');
  assertLacks(paper, FHIR_SENSITIVE, 'the printout');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('FHIR: the patient copy holds what the school copy lacks', async () => {
  const { page } = await open();
  await page.getByLabel(/Paste an HL7 v2 message/).fill(FHIR_BUNDLE);
  await verify(page, parentAsking('for the patient or family to keep'));
  assertHas(await page.locator('#print-copy').innerText(), ['77 Hmong Way', 'Xyooj'], "the patient's copy");
  await page.close();
});

test('SMART Health Card from a QR picture: patient and school copies', async () => {
  const { page, problems } = await open();
  await page.locator('#intake-file').setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: fixture('shc-example-00-qr.png') });
  await page.locator('#reading-headline').waitFor();
  await verify(page, { requester: 'the patient (18 or older)', purpose: 'for the patient or family to keep' });
  const staff = await page.locator('.staff-pane').innerText();
  assert.match(staff, /Card 1: /);
  assertHas(await page.locator('#print-copy').innerText(), ['Anyperson', '1951-01-20'], "the patient's copy");
  assertHas(await page.locator('.staff-pane').innerText(), ['0000001'], 'the staff pane (lot numbers)');
  await chooseCopy(page, 'the school copy');
  const schoolCopy = await page.locator('#print-copy').innerText();
  assertHas(schoolCopy, ['Anyperson', '1951-01-20', 'Prepared for a school'], 'the school copy');
  assertLacks(schoolCopy, ['0000001', '0000007', 'ABC General Hospital'], 'the school copy');
  await screenshot(page, 'flow-card-review');
  const paper = await printedText(page, 'flow-card-school-print');
  assertHas(paper, ['Anyperson', '1951-01-20'], 'the printout');
  assertLacks(paper, ['0000001', '0000007', 'ABC General Hospital'], 'the printout');
  assert.deepEqual(problems, []);
  await page.close();
});

/** Every browser store the page's origin has, and what the page itself holds (its HTML and the
 * values of its fields, which page.content() does not show). */
function browserState(page) {
  return page.evaluate(async () => {
    const bodies = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) bodies.push(await (await cache.match(request)).text());
    }
    const root = await navigator.storage.getDirectory();
    const files = [];
    for await (const name of root.keys()) files.push(name);
    return {
      local: localStorage.length,
      session: sessionStorage.length,
      cookies: document.cookie,
      databases: (await indexedDB.databases()).length,
      privateFiles: files,
      cached: bodies.join('\n'),
      url: location.href,
      history: history.length,
      historyState: JSON.stringify(history.state),
      page: document.documentElement.outerHTML
        + [...document.querySelectorAll('textarea, input')].map((field) => field.value).join('\n'),
    };
  });
}

const PATIENT_VALUES = ['Nguyễn', 'Nguyen', 'MRN-44', '2019-04-02', 'Lake St'];

function assertStoresEmpty(state, where) {
  assert.equal(state.local, 0, where);
  assert.equal(state.session, 0, where);
  assert.equal(state.cookies, '', where);
  assert.equal(state.databases, 0, where);
  assert.deepEqual(state.privateFiles, [], where);
  assertLacks(state.cached, [...PATIENT_VALUES, 'Dana Front'], `Cache Storage ${where}`);
  assert.equal(state.url, new URL(APP_URL).href, `the URL ${where}`);
  assert.equal(state.historyState, 'null', `history.state ${where}`);
}

test('a finished flow and then End session leave no patient data in any browser store or the page', async () => {
  const { page, problems } = await open();
  const historyBefore = await page.evaluate(() => history.length);
  await page.getByLabel(/Paste an HL7 v2 message/).fill(fixture('vxu-complete.hl7').toString('utf8'));
  await verify(page, parentAsking('for a school, child care or college'));
  // The whole flow, PDF included, before ending: the stores are already empty.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /as PDF$/ }).click()]);
  await download.path();
  const during = await browserState(page);
  assertStoresEmpty(during, 'after the flow');
  assert.ok(during.page.includes('Nguyễn'), 'the record is on screen before End session');
  await page.getByRole('button', { name: 'End session' }).click();
  await page.getByText('Nothing entered yet').waitFor();
  // The desk's screens are removed just after the session ends.
  await countOf(page.locator('#desk'), 0);
  const after = await browserState(page);
  assertStoresEmpty(after, 'after End session');
  assertLacks(after.page, [...PATIENT_VALUES, 'Dana Front'], 'the page after End session');
  assert.equal(after.history, historyBefore, 'the session adds no history entry');
  assert.deepEqual(problems, []);
  await page.close();
});

/** Lets `seconds` pass on the page's fake clock a second at a time, as a real event loop would. */
async function idle(page, seconds) {
  for (let i = 0; i < seconds; i += 1) await page.clock.runFor(1000);
}

test('an idle kiosk warns, then wipes the session', async () => {
  const { page, problems } = await openApp(context, { path: '?kiosk', beforeLoad: (page) => page.clock.install() });
  await page.getByLabel(/Paste an HL7 v2 message/).fill(fixture('vxu-complete.hl7').toString('utf8'));
  await page.locator('#reading-headline').waitFor();
  await idle(page, 105);
  const warning = page.locator('#idle-warning');
  await warning.waitFor();
  assert.match(await warning.innerText(), /erased in \d+ seconds/);
  await screenshot(page, 'flow-kiosk-idle-warning');
  // Any key keeps the session.
  await page.keyboard.press('Shift');
  await warning.waitFor({ state: 'detached' });
  assert.match(await page.getByLabel(/Paste an HL7 v2 message/).inputValue(), /Nguyễn/);
  await idle(page, 125);
  await page.getByText('Nothing entered yet').waitFor();
  assert.equal(await page.getByLabel(/Paste an HL7 v2 message/).inputValue(), '');
  assert.ok(!(await page.content()).includes('Nguyễn'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('several candidates (RSP Z31): staff pick one and the others are left out of everything after', async () => {
  const { page, problems } = await open();
  await page.getByLabel(/Paste an HL7 v2 message/).fill(fixture('rsp-z31-candidates.hl7').toString('utf8'));
  await readingHeadline(page);
  const buttons = page.getByRole('button', { name: 'This patient: verify the requester' });
  assert.equal(await buttons.count(), 3);
  // The second candidate; the buttons are described by the candidate they belong to.
  await buttons.nth(1).click();
  await page.getByLabel('Your name', { exact: true }).fill('Dana Front');
  await continueWizard(page);
  await choose(page, 'a parent or guardian of a minor');
  await showPhotoId(page, 'passport');
  await page.getByLabel('birth record naming the requester as parent', { exact: true }).check();
  await continueWizard(page);
  await choose(page, 'no court order known');
  // The candidate is 14: from the review age the minor's own consent to their care is asked.
  await textMatching(page.locator('#verify-question'), /live apart from their parents/);
  await choose(page, 'no, none of these');
  await choose(page, 'for the patient or family to keep');
  await textMatching(page.locator('#verify-question'), /order for protection/);
  await choose(page, 'No');
  await page.getByRole('button', { name: 'Confirm and decide' }).click();
  await page.getByRole('button', { name: 'Continue: review the copy' }).click();
  const review = await page.locator('.review').innerText();
  assertHas(review, ['2 Second St'], 'the review');
  assertLacks(review, ['1 First St', '3 Third St', 'Evelyn'], 'the review');
  // Discarded, not hidden: the (hidden) intake screen and its paste area no longer hold them.
  const { page: everything } = await browserState(page);
  assertLacks(everything, ['1 First St', '3 Third St', 'Evelyn', '900^^^MIIC', 'Emma'], 'the page');
  // The school copy of the chosen candidate, on paper.
  await chooseCopy(page, 'the school copy');
  const paper = await printedText(page, 'flow-rsp-school-print');
  assertHas(paper, ['Evans', 'Eve', '2012-03-03'], 'the printout');
  assertLacks(paper, ['2 Second St', '901', 'Secret', 'Maiden', 'Evelyn', '1 First St'], 'the printout');
  // The intake screen kept behind (hidden, for Back) holds only the chosen one and says so.
  assert.match(await page.locator('#intake-status').textContent(), /2 other candidates discarded/);
  assert.equal(await page.locator('.verify-requester').count(), 1);
  assert.deepEqual(problems, []);
  await page.close();
});
