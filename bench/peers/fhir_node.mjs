// Time the plain-Node FHIR peer (JSON.parse + a walk, no library) on a FHIR R4 Bundle; print one
// JSON line.
//
//   node fhir_node.mjs --input fhir-bundle.json [--runs 5] [--budget-seconds 240]
//
// Timed (process.hrtime.bigint), one run: `JSON.parse(text)`, then a walk over the entries that
// pulls out what our reader reads and groups it by patient: every Patient becomes a record
// (identifiers, names, gender, birth date, addresses, telecom, mother's maiden name), found by its
// fullUrl and by Patient/id; every Immunization (status, CVX code, occurrence date, primary source,
// location, manufacturer, lot, expiration, site, route, dose quantity, program eligibility, dose
// number, patient reference), RelatedPerson (relationship, names, telecom, addresses) and Coverage
// (status, identifiers, type, subscriber id, relationship, payor) is copied into plain objects and
// attached to the record its reference names. The file is read and decoded from UTF-8 before
// timing. No package is loaded: this is what a script written without a FHIR library would do.
//
// Checks (an entry with "error" otherwise): the records found equal the Patient resources in the
// input, every Immunization, RelatedPerson and Coverage is attached to a record, and every
// Immunization has a CVX code, date, lot and program eligibility (as the criterion bench asserts
// for our reader). Counts are reported as patients / immunizations / related_persons / coverages,
// the input's own as expected_*.
//
// Warm-up and budget: as in hl7_node.mjs, in whole patients instead of messages. A partial run
// parses a bundle of the first K patients' entries (re-serialised with JSON.stringify before
// timing) and says "partial": true with estimated_full_input_seconds (the median scaled by bytes).

import { readFileSync } from 'node:fs';
import { parseArgs, now, seconds, median, runHelper, fhirPatientGroups } from './lib.mjs';

const PROBE_PATIENTS = 5;
const PROBE_SECONDS = 1;
const CVX = 'http://hl7.org/fhir/sid/cvx';
const MVX = 'http://hl7.org/fhir/sid/mvx';
const ELIGIBILITY = 'http://terminology.hl7.org/CodeSystem/v2-0064';
const MAIDEN_NAME = 'http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName';

const list = (v) => (Array.isArray(v) ? v : []);
/** The coding of a CodeableConcept in `system` (else its first), as plain strings. */
function coded(cc, system) {
  if (!cc || typeof cc !== 'object') return null;
  const codings = list(cc.coding);
  let pick = codings[0];
  if (system) for (const c of codings) if (c && c.system === system) { pick = c; break; }
  if (!pick) return cc.text ? { text: cc.text } : null;
  return { system: pick.system ?? null, code: pick.code ?? null, display: pick.display ?? null };
}
const names = (r) => list(r.name).map((n) => ({ use: n.use ?? null, family: n.family ?? null, given: list(n.given).slice(), text: n.text ?? null }));
const telecoms = (r) => list(r.telecom).map((t) => ({ system: t.system ?? null, value: t.value ?? null, use: t.use ?? null }));
const addresses = (r) => list(r.address).map((a) => ({
  use: a.use ?? null, line: list(a.line).slice(), city: a.city ?? null, state: a.state ?? null,
  postalCode: a.postalCode ?? null, country: a.country ?? null,
}));
const identifiers = (r) => list(r.identifier).map((i) => ({ system: i.system ?? null, value: i.value ?? null, type: coded(i.type)?.code ?? null }));

function patientRecord(fullUrl, r) {
  let maiden = null;
  for (const e of list(r.extension)) if (e && e.url === MAIDEN_NAME) maiden = e.valueString ?? null;
  return {
    fullUrl: fullUrl ?? null, id: r.id ?? null,
    identifiers: identifiers(r), names: names(r), gender: r.gender ?? null, birthDate: r.birthDate ?? null,
    addresses: addresses(r), telecom: telecoms(r), mothersMaidenName: maiden,
    immunizations: [], relatedPersons: [], coverages: [],
  };
}

function immunization(r) {
  const m = r.manufacturer;
  const mvx = m?.identifier && (m.identifier.system === MVX || !m.identifier.system) ? m.identifier.value : null;
  const dose = r.doseQuantity;
  const applied = list(r.protocolApplied)[0];
  return {
    status: r.status ?? null,
    cvx: coded(r.vaccineCode, CVX)?.code ?? null,
    date: r.occurrenceDateTime ?? r.occurrenceString ?? null,
    primarySource: r.primarySource ?? null,
    location: r.location?.display ?? r.location?.reference ?? null,
    manufacturer: mvx ?? m?.display ?? m?.reference ?? null,
    lot: r.lotNumber ?? null,
    expiration: r.expirationDate ?? null,
    site: coded(r.site)?.code ?? null,
    route: coded(r.route)?.code ?? null,
    dose: dose ? { value: dose.value ?? null, unit: dose.unit ?? dose.code ?? null } : null,
    eligibility: list(r.programEligibility).map((cc) => coded(cc, ELIGIBILITY)?.code ?? null),
    doseNumber: applied ? (applied.doseNumberPositiveInt ?? applied.doseNumberString ?? null) : null,
    patient: r.patient?.reference ?? null,
  };
}

const relatedPerson = (r) => ({
  relationship: list(r.relationship).map((cc) => coded(cc)?.code ?? null),
  names: names(r), telecom: telecoms(r), addresses: addresses(r), patient: r.patient?.reference ?? null,
});
const coverage = (r) => ({
  status: r.status ?? null, identifiers: identifiers(r), type: coded(r.type)?.code ?? null,
  subscriberId: r.subscriberId ?? null, relationship: coded(r.relationship)?.code ?? null,
  payor: list(r.payor).map((p) => p.display ?? p.reference ?? null), beneficiary: r.beneficiary?.reference ?? null,
});

/** One run: parse, then records grouped by patient (and what could not be attached). */
function read(text) {
  const bundle = JSON.parse(text);
  const entries = list(bundle.entry);
  const records = [];
  const byRef = new Map();
  for (const e of entries) {
    const r = e?.resource;
    if (r?.resourceType !== 'Patient') continue;
    const rec = patientRecord(e.fullUrl, r);
    records.push(rec);
    if (e.fullUrl) byRef.set(e.fullUrl, rec);
    if (r.id) byRef.set(`Patient/${r.id}`, rec);
  }
  let unattached = 0;
  const attach = (ref, key, item) => {
    const rec = ref == null ? null : byRef.get(ref);
    if (rec) rec[key].push(item); else unattached++;
  };
  for (const e of entries) {
    const r = e?.resource;
    switch (r?.resourceType) {
      case 'Immunization': { const i = immunization(r); attach(i.patient, 'immunizations', i); break; }
      case 'RelatedPerson': { const p = relatedPerson(r); attach(p.patient, 'relatedPersons', p); break; }
      case 'Coverage': { const c = coverage(r); attach(c.beneficiary, 'coverages', c); break; }
      default: break;
    }
  }
  return { records, unattached };
}

function count({ records, unattached }) {
  let immunizations = 0, complete = 0, relatedPersons = 0, coverages = 0;
  for (const rec of records) {
    immunizations += rec.immunizations.length;
    relatedPersons += rec.relatedPersons.length;
    coverages += rec.coverages.length;
    for (const i of rec.immunizations) if (i.cvx && i.date && i.lot && i.eligibility.length && i.eligibility[0]) complete++;
  }
  return { patients: records.length, immunizations, complete, relatedPersons, coverages, unattached };
}

await runHelper(async () => {
  const args = parseArgs(process.argv.slice(2));
  const runs = Number(args.runs ?? 5);
  const budget = Number(args['budget-seconds'] ?? 240);
  const minWarmup = Number(args['min-warmup-seconds'] ?? 1);

  const raw = readFileSync(args.input);
  const text = raw.toString('utf8');
  const groups = fhirPatientGroups(JSON.parse(text), raw.length);
  const total = groups.patients;
  if (total === 0) throw new Error('no Patient resource in the input');
  const byteEnds = groups.byteEnds;
  const prefix = (k) => (k === total ? text : groups.prefixText(k));
  const kForBytes = (allowed) => {
    let lo = 0, hi = byteEnds.length; // number of patients whose end <= allowed
    while (lo < hi) { const mid = (lo + hi) >> 1; if (byteEnds[mid] <= allowed) lo = mid + 1; else hi = mid; }
    return Math.max(1, lo);
  };
  // Patients to read so that warm-up + runs fit in 80% of the budget, or all of them.
  const fit = (secs, bytes) => {
    const perRun = (secs * raw.length) / bytes;
    if (budget <= 0 || perRun * (runs + 1) <= budget) return [total, perRun];
    return [Math.min(total, kForBytes((0.8 * raw.length * budget) / ((runs + 1) * perRun))), perRun];
  };

  // Probe: once untimed, then double the patients until a probe takes PROBE_SECONDS or covers all.
  let kProbe = Math.min(total, PROBE_PATIENTS);
  read(prefix(kProbe));
  let t0, probeS;
  for (;;) {
    const probeText = prefix(kProbe);
    t0 = now();
    read(probeText);
    probeS = seconds(t0, now());
    if (probeS >= PROBE_SECONDS || kProbe === total) break;
    kProbe = Math.min(total, kProbe * 2);
  }
  let [workK, estimateFull] = fit(probeS, byteEnds[kProbe - 1]);

  // Warm-up: one run, repeated until --min-warmup-seconds have passed; shrink once more if that
  // run was much slower than the probe said (a busy machine).
  let work = prefix(workK);
  const w0 = now();
  let got = count(read(work));
  const firstWarmup = seconds(w0, now());
  let warmups = 1;
  if (budget > 0 && firstWarmup * (runs + 1) > 1.25 * budget) {
    const [smaller, est] = fit(firstWarmup, Buffer.byteLength(work));
    if (smaller < workK) {
      workK = smaller; estimateFull = est; work = prefix(workK);
      got = count(read(work));
      warmups++;
    }
  }
  while (seconds(w0, now()) < minWarmup) { read(work); warmups++; }
  const workBytes = Buffer.byteLength(work);
  const expected = groups.expected(workK);

  const all = [];
  for (let i = 0; i < runs; i++) {
    t0 = now();
    const result = read(work);
    all.push(seconds(t0, now()));
    if (result.records.length !== got.patients) throw new Error('a run found a different number of patients');
  }
  const med = median(all);
  const out = {
    peer: `JSON.parse (Node ${process.version})`,
    operation: 'fhir_parse',
    bytes: raw.length,
    patients: got.patients,
    immunizations: got.immunizations,
    immunizations_with_cvx_date_lot_eligibility: got.complete,
    related_persons: got.relatedPersons,
    coverages: got.coverages,
    expected_patients: expected.patients,
    expected_immunizations: expected.immunizations,
    expected_related_persons: expected.relatedPersons,
    expected_coverages: expected.coverages,
    runs,
    median_seconds: med,
    all_seconds: all,
    warmup_runs: warmups,
    settings: { call: 'JSON.parse(text), then a walk to the fields our reader reads, grouped by patient (no library)' },
  };
  if (workK < total) {
    Object.assign(out, {
      partial: true,
      patients_in_input: total,
      bytes_parsed: workBytes,
      estimated_full_input_seconds: (med * raw.length) / workBytes,
      note: `only a bundle of the first ${workK} of ${total} patients (their entries, re-serialised) read per run to stay within --budget-seconds ${budget} (a full run estimated at ${estimateFull.toFixed(1)} s); estimated_full_input_seconds scales the median by bytes`,
    });
  }
  const problems = fhirProblems(got, expected);
  if (problems.length) out.error = problems.join('; ');
  return out;
});

function fhirProblems(got, expected) {
  const problems = [];
  if (got.patients !== expected.patients || got.immunizations !== expected.immunizations
    || got.relatedPersons !== expected.relatedPersons || got.coverages !== expected.coverages) {
    problems.push(`found ${got.patients} patients / ${got.immunizations} immunizations / ${got.relatedPersons} related persons / ${got.coverages} coverages grouped by patient, the input has ${expected.patients} / ${expected.immunizations} / ${expected.relatedPersons} / ${expected.coverages}`);
  }
  if (got.unattached) problems.push(`${got.unattached} resources name no patient in the bundle`);
  if (got.complete !== got.immunizations) problems.push(`${got.immunizations - got.complete} immunizations lack a CVX code, date, lot or program eligibility`);
  return problems;
}
