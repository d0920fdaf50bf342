"""Time a Python FHIR peer on a FHIR R4 Bundle; print one JSON line.

    PYTHONPATH=<peers>/python python3 -S fhir_python.py --peer fhir.resources|json \
        --input fhir-bundle.json [--runs 5] [--budget-seconds 240]

(-S keeps the machine's own site-packages out, so only the pinned packages in <peers>/python and
the standard library are importable: fhir.resources would otherwise pick up any orjson or
simplejson it finds there for its JSON step.)

One run (time.perf_counter), on the text read and decoded from UTF-8 before timing:
fhir.resources: Bundle.parse_raw(text) with the package's FHIR R4 (4.0.1) models, i.e. the JSON
                is loaded and every entry validated into its resource class (dates into
                datetime.date, decimals into Decimal, ...); then a walk over the models' attributes.
json:           json.loads(text) from the standard library; then the same walk over the dicts.
The walk pulls out what our reader reads and groups it by patient: every Patient becomes a record
(identifiers, names, gender, birth date, addresses, telecom, mother's maiden name), found by its
fullUrl and by Patient/id; every Immunization (status, CVX code, occurrence date, primary source,
location, manufacturer, lot, expiration, site, route, dose quantity, program eligibility, dose
number, patient reference), RelatedPerson (relationship, names, telecom, addresses) and Coverage
(status, identifiers, type, subscriber id, relationship, payor) is copied into a plain dict and
attached to the record its reference names. fhir_node.mjs does the same in Node.

Checks (an entry with "error" otherwise): the records found equal the Patient resources in the
input, every Immunization, RelatedPerson and Coverage is attached to a record, and every
Immunization has a CVX code, date, lot and program eligibility.

Warm-up and budget: as in hl7_python.py, in whole patients instead of messages. A partial run
parses a bundle of the first K patients' entries (re-serialised with json.dumps before timing)
and says "partial": true with estimated_full_input_seconds (the median scaled by bytes).
"""

import argparse
import bisect
import json
import platform
import statistics
import time
import traceback

PROBE_PATIENTS = 5
PROBE_SECONDS = 1.0
CVX = "http://hl7.org/fhir/sid/cvx"
MVX = "http://hl7.org/fhir/sid/mvx"
ELIGIBILITY = "http://terminology.hl7.org/CodeSystem/v2-0064"
MAIDEN_NAME = "http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName"


# ------------------------------------------------------------------------------------------------
# The walk over plain dicts (json.loads), as in fhir_node.mjs
# ------------------------------------------------------------------------------------------------

def _list(v):
    return v if isinstance(v, list) else []


def d_coded(cc, system=None):
    if not isinstance(cc, dict):
        return None
    codings = _list(cc.get("coding"))
    pick = codings[0] if codings else None
    if system:
        for c in codings:
            if c.get("system") == system:
                pick = c
                break
    if pick is None:
        return {"text": cc["text"]} if cc.get("text") else None
    return {"system": pick.get("system"), "code": pick.get("code"), "display": pick.get("display")}


def d_code(cc, system=None):
    c = d_coded(cc, system)
    return c.get("code") if c else None


def d_names(r):
    return [{"use": n.get("use"), "family": n.get("family"), "given": list(_list(n.get("given"))),
             "text": n.get("text")} for n in _list(r.get("name"))]


def d_telecom(r):
    return [{"system": t.get("system"), "value": t.get("value"), "use": t.get("use")} for t in _list(r.get("telecom"))]


def d_addresses(r):
    return [{"use": a.get("use"), "line": list(_list(a.get("line"))), "city": a.get("city"), "state": a.get("state"),
             "postalCode": a.get("postalCode"), "country": a.get("country")} for a in _list(r.get("address"))]


def d_identifiers(r):
    return [{"system": i.get("system"), "value": i.get("value"), "type": d_code(i.get("type"))}
            for i in _list(r.get("identifier"))]


def d_ref(ref):
    return ref.get("reference") if isinstance(ref, dict) else None


def d_patient(full_url, r):
    maiden = None
    for e in _list(r.get("extension")):
        if e.get("url") == MAIDEN_NAME:
            maiden = e.get("valueString")
    return {"fullUrl": full_url, "id": r.get("id"), "identifiers": d_identifiers(r), "names": d_names(r),
            "gender": r.get("gender"), "birthDate": r.get("birthDate"), "addresses": d_addresses(r),
            "telecom": d_telecom(r), "mothersMaidenName": maiden,
            "immunizations": [], "relatedPersons": [], "coverages": []}


def d_immunization(r):
    m = r.get("manufacturer") or {}
    ident = m.get("identifier") or {}
    mvx = ident.get("value") if ident and ident.get("system") in (MVX, None) else None
    dose = r.get("doseQuantity")
    applied = _list(r.get("protocolApplied"))
    applied = applied[0] if applied else None
    location = r.get("location") or {}
    return {
        "status": r.get("status"),
        "cvx": d_code(r.get("vaccineCode"), CVX),
        "date": r.get("occurrenceDateTime") or r.get("occurrenceString"),
        "primarySource": r.get("primarySource"),
        "location": location.get("display") or location.get("reference"),
        "manufacturer": mvx or m.get("display") or m.get("reference"),
        "lot": r.get("lotNumber"),
        "expiration": r.get("expirationDate"),
        "site": d_code(r.get("site")),
        "route": d_code(r.get("route")),
        "dose": {"value": dose.get("value"), "unit": dose.get("unit") or dose.get("code")} if dose else None,
        "eligibility": [d_code(cc, ELIGIBILITY) for cc in _list(r.get("programEligibility"))],
        "doseNumber": (applied.get("doseNumberPositiveInt") or applied.get("doseNumberString")) if applied else None,
        "patient": d_ref(r.get("patient")),
    }


def d_related_person(r):
    return {"relationship": [d_code(cc) for cc in _list(r.get("relationship"))], "names": d_names(r),
            "telecom": d_telecom(r), "addresses": d_addresses(r), "patient": d_ref(r.get("patient"))}


def d_coverage(r):
    return {"status": r.get("status"), "identifiers": d_identifiers(r), "type": d_code(r.get("type")),
            "subscriberId": r.get("subscriberId"), "relationship": d_code(r.get("relationship")),
            "payor": [p.get("display") or p.get("reference") for p in _list(r.get("payor"))],
            "beneficiary": d_ref(r.get("beneficiary"))}


def group(entries, read_patient, attach):
    """One record per Patient (found by its fullUrl or Patient/id), with the resources that name it.
    `entries` are (fullUrl, resourceType, id, resource); `attach` maps a resourceType to (how to
    read it, its list in the record, the field that names the patient). Returns the records and
    how many resources named no patient in the bundle."""
    records, by_ref = [], {}
    for full_url, kind, rid, r in entries:
        if kind != "Patient":
            continue
        rec = read_patient(full_url, r)
        records.append(rec)
        if full_url:
            by_ref[full_url] = rec
        if rid:
            by_ref["Patient/" + rid] = rec
    unattached = 0
    for _, kind, _, r in entries:
        if kind not in attach:
            continue
        read_item, key, field = attach[kind]
        item = read_item(r)
        rec = by_ref.get(item[field])
        if rec is None:
            unattached += 1
        else:
            rec[key].append(item)
    return records, unattached


def read_json(text):
    bundle = json.loads(text)
    entries = []
    for e in _list(bundle.get("entry")):
        r = e.get("resource") or {}
        entries.append((e.get("fullUrl"), r.get("resourceType"), r.get("id"), r))
    return group(entries, d_patient, {
        "Immunization": (d_immunization, "immunizations", "patient"),
        "RelatedPerson": (d_related_person, "relatedPersons", "patient"),
        "Coverage": (d_coverage, "coverages", "beneficiary"),
    })


# ------------------------------------------------------------------------------------------------
# The same walk over fhir.resources models (attributes; absent elements are None)
# ------------------------------------------------------------------------------------------------

def m_coded(cc, system=None):
    if cc is None:
        return None
    codings = cc.coding or []
    pick = codings[0] if codings else None
    if system:
        for c in codings:
            if c.system == system:
                pick = c
                break
    if pick is None:
        return {"text": cc.text} if cc.text else None
    return {"system": pick.system, "code": pick.code, "display": pick.display}


def m_code(cc, system=None):
    c = m_coded(cc, system)
    return c.get("code") if c else None


def m_names(r):
    return [{"use": n.use, "family": n.family, "given": list(n.given or []), "text": n.text} for n in r.name or []]


def m_telecom(r):
    return [{"system": t.system, "value": t.value, "use": t.use} for t in r.telecom or []]


def m_addresses(r):
    return [{"use": a.use, "line": list(a.line or []), "city": a.city, "state": a.state, "postalCode": a.postalCode,
             "country": a.country} for a in r.address or []]


def m_identifiers(r):
    return [{"system": i.system, "value": i.value, "type": m_code(i.type)} for i in r.identifier or []]


def m_ref(ref):
    return ref.reference if ref is not None else None


def m_patient(full_url, r):
    maiden = None
    for e in r.extension or []:
        if e.url == MAIDEN_NAME:
            maiden = e.valueString
    return {"fullUrl": full_url, "id": r.id, "identifiers": m_identifiers(r), "names": m_names(r),
            "gender": r.gender, "birthDate": r.birthDate, "addresses": m_addresses(r), "telecom": m_telecom(r),
            "mothersMaidenName": maiden, "immunizations": [], "relatedPersons": [], "coverages": []}


def m_immunization(r):
    m = r.manufacturer
    ident = m.identifier if m is not None else None
    mvx = ident.value if ident is not None and ident.system in (MVX, None) else None
    dose = r.doseQuantity
    applied = r.protocolApplied[0] if r.protocolApplied else None
    location = r.location
    return {
        "status": r.status,
        "cvx": m_code(r.vaccineCode, CVX),
        "date": r.occurrenceDateTime or r.occurrenceString,
        "primarySource": r.primarySource,
        "location": (location.display or location.reference) if location is not None else None,
        "manufacturer": mvx or ((m.display or m.reference) if m is not None else None),
        "lot": r.lotNumber,
        "expiration": r.expirationDate,
        "site": m_code(r.site),
        "route": m_code(r.route),
        "dose": {"value": dose.value, "unit": dose.unit or dose.code} if dose is not None else None,
        "eligibility": [m_code(cc, ELIGIBILITY) for cc in r.programEligibility or []],
        "doseNumber": (applied.doseNumberPositiveInt or applied.doseNumberString) if applied is not None else None,
        "patient": m_ref(r.patient),
    }


def m_related_person(r):
    return {"relationship": [m_code(cc) for cc in r.relationship or []], "names": m_names(r),
            "telecom": m_telecom(r), "addresses": m_addresses(r), "patient": m_ref(r.patient)}


def m_coverage(r):
    return {"status": r.status, "identifiers": m_identifiers(r), "type": m_code(r.type),
            "subscriberId": r.subscriberId, "relationship": m_code(r.relationship),
            "payor": [p.display or p.reference for p in r.payor or []], "beneficiary": m_ref(r.beneficiary)}


def make_read_fhir_resources():
    import fhir.resources
    from fhir.resources.bundle import Bundle

    fhir_version = getattr(fhir.resources, "__fhir_version__", None)
    if fhir_version != "4.0.1":
        raise SystemExit("fhir.resources %s models FHIR %s at its root package, not R4 (4.0.1): see README.md"
                         % (getattr(fhir.resources, "__version__", "?"), fhir_version))

    def read(text):
        bundle = Bundle.parse_raw(text)
        entries = []
        for e in bundle.entry or []:
            r = e.resource
            entries.append((e.fullUrl, r.get_resource_type() if r is not None else None,
                            r.id if r is not None else None, r))
        return group(entries, m_patient, {
            "Immunization": (m_immunization, "immunizations", "patient"),
            "RelatedPerson": (m_related_person, "relatedPersons", "patient"),
            "Coverage": (m_coverage, "coverages", "beneficiary"),
        })

    import pydantic

    # The modules' own versions: pip --target can leave an older pin's *.dist-info beside the new one.
    peer = "fhir.resources %s + pydantic %s" % (fhir.resources.__version__, pydantic.VERSION)
    settings = {
        "call": "fhir.resources.bundle.Bundle.parse_raw(text) (FHIR %s models), then a walk over the models' "
                "attributes to the fields our reader reads, grouped by patient" % fhir_version,
        "pydantic_compiled": bool(getattr(pydantic, "compiled", False)),
        "json_loads": "%s.%s" % (Bundle.__config__.json_loads.__module__, Bundle.__config__.json_loads.__name__),
    }
    return peer, read, settings


def make_read_json():
    peer = "json (%s %s)" % (platform.python_implementation(), platform.python_version())
    settings = {"call": "json.loads(text) (standard library), then a walk over the dicts to the fields our reader "
                        "reads, grouped by patient"}
    return peer, read_json, settings


# ------------------------------------------------------------------------------------------------

def count(result):
    records, unattached = result
    n = {"patients": len(records), "immunizations": 0, "complete": 0, "related_persons": 0, "coverages": 0,
         "unattached": unattached}
    for rec in records:
        n["immunizations"] += len(rec["immunizations"])
        n["related_persons"] += len(rec["relatedPersons"])
        n["coverages"] += len(rec["coverages"])
        for i in rec["immunizations"]:
            if i["cvx"] and i["date"] and i["lot"] and i["eligibility"] and i["eligibility"][0]:
                n["complete"] += 1
    return n


def patient_groups(bundle, raw_bytes):
    """As fhirPatientGroups in lib.mjs: the entries cut at each Patient, for partial runs."""
    entries = _list(bundle.get("entry"))

    def kind(e):
        return ((e or {}).get("resource") or {}).get("resourceType")

    def dumps(v):
        return json.dumps(v, separators=(",", ":"), ensure_ascii=False)

    starts = [i for i, e in enumerate(entries) if kind(e) == "Patient"]
    cuts = starts[1:] + [len(entries)]
    head = len(dumps(dict(bundle, entry=[])).encode("utf-8"))
    byte_ends, acc, nxt = [], head - 1, 0
    for cut in cuts:
        while nxt < cut:
            acc += len(dumps(entries[nxt]).encode("utf-8")) + 1
            nxt += 1
        byte_ends.append(acc)
    if byte_ends:
        byte_ends[-1] = raw_bytes

    def prefix_text(k):
        return dumps(dict(bundle, entry=entries[:cuts[k - 1]]))

    def expected(k):
        n = {"patients": 0, "immunizations": 0, "related_persons": 0, "coverages": 0}
        names = {"Patient": "patients", "Immunization": "immunizations", "RelatedPerson": "related_persons",
                 "Coverage": "coverages"}
        for e in entries[:cuts[k - 1]]:
            key = names.get(kind(e))
            if key:
                n[key] += 1
        return n

    return len(starts), byte_ends, prefix_text, expected


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--peer", required=True, choices=["fhir.resources", "json"])
    ap.add_argument("--input", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--budget-seconds", type=float, default=240.0)
    ap.add_argument("--min-warmup-seconds", type=float, default=1.0)
    a = ap.parse_args()

    peer, read, settings = (make_read_fhir_resources if a.peer == "fhir.resources" else make_read_json)()
    raw = open(a.input, "rb").read()
    text = raw.decode("utf-8")
    total, byte_ends, prefix_text, expected_for = patient_groups(json.loads(text), len(raw))
    if total == 0:
        raise SystemExit("no Patient resource in the input")

    def prefix(k):
        return text if k == total else prefix_text(k)

    def fit(seconds_for_bytes, byte_count):
        """Patients to read so that warm-up + runs fit in 80% of the budget, or all of them."""
        per_run = seconds_for_bytes * len(raw) / byte_count
        if a.budget_seconds <= 0 or per_run * (a.runs + 1) <= a.budget_seconds:
            return total, per_run
        allowed = 0.8 * len(raw) * a.budget_seconds / ((a.runs + 1) * per_run)
        return max(1, min(total, bisect.bisect_right(byte_ends, allowed))), per_run

    # Probe: once untimed (the first call builds the models' validators), then the patients are
    # doubled until a probe takes PROBE_SECONDS or covers the whole input.
    k_probe = min(total, PROBE_PATIENTS)
    read(prefix(k_probe))
    while True:
        probe_text = prefix(k_probe)
        t0 = time.perf_counter()
        read(probe_text)
        probe_s = time.perf_counter() - t0
        if probe_s >= PROBE_SECONDS or k_probe == total:
            break
        k_probe = min(total, k_probe * 2)
    work_k, estimate_full = fit(probe_s, byte_ends[k_probe - 1])

    # Warm-up: one run, repeated until --min-warmup-seconds have passed; shrink once more if that
    # run was much slower than the probe said (a busy machine).
    work = prefix(work_k)
    w0 = time.perf_counter()
    got = count(read(work))
    first_warmup_s = time.perf_counter() - w0
    warmups = 1
    if a.budget_seconds > 0 and first_warmup_s * (a.runs + 1) > 1.25 * a.budget_seconds:
        smaller, estimate_full = fit(first_warmup_s, len(work.encode("utf-8")))
        if smaller < work_k:
            work_k = smaller
            work = prefix(work_k)
            got = count(read(work))
            warmups += 1
    while time.perf_counter() - w0 < a.min_warmup_seconds:
        read(work)
        warmups += 1
    work_bytes = len(work.encode("utf-8"))
    expected = expected_for(work_k)

    all_s = []
    for _ in range(a.runs):
        t0 = time.perf_counter()
        result = read(work)
        all_s.append(time.perf_counter() - t0)
        if len(result[0]) != got["patients"]:
            raise SystemExit("a run found a different number of patients")
        del result

    med = statistics.median(all_s)
    out = {
        "peer": peer,
        "operation": "fhir_parse",
        "bytes": len(raw),
        "patients": got["patients"],
        "immunizations": got["immunizations"],
        "immunizations_with_cvx_date_lot_eligibility": got["complete"],
        "related_persons": got["related_persons"],
        "coverages": got["coverages"],
        "expected_patients": expected["patients"],
        "expected_immunizations": expected["immunizations"],
        "expected_related_persons": expected["related_persons"],
        "expected_coverages": expected["coverages"],
        "runs": a.runs,
        "median_seconds": med,
        "all_seconds": all_s,
        "warmup_runs": warmups,
        "settings": settings,
    }
    if work_k < total:
        out.update({
            "partial": True,
            "patients_in_input": total,
            "bytes_parsed": work_bytes,
            "estimated_full_input_seconds": med * len(raw) / work_bytes,
            "note": "only a bundle of the first %d of %d patients (their entries, re-serialised) read per run to "
                    "stay within --budget-seconds %g (a full run estimated at %.1f s); estimated_full_input_seconds "
                    "scales the median by bytes" % (work_k, total, a.budget_seconds, estimate_full),
        })
    problems = []
    if [got[k] for k in ("patients", "immunizations", "related_persons", "coverages")] != \
            [expected[k] for k in ("patients", "immunizations", "related_persons", "coverages")]:
        problems.append("found %d patients / %d immunizations / %d related persons / %d coverages grouped by "
                        "patient, the input has %d / %d / %d / %d"
                        % (got["patients"], got["immunizations"], got["related_persons"], got["coverages"],
                           expected["patients"], expected["immunizations"], expected["related_persons"],
                           expected["coverages"]))
    if got["unattached"]:
        problems.append("%d resources name no patient in the bundle" % got["unattached"])
    if got["complete"] != got["immunizations"]:
        problems.append("%d immunizations lack a CVX code, date, lot or program eligibility"
                        % (got["immunizations"] - got["complete"]))
    if problems:
        out["error"] = "; ".join(problems)
    print(json.dumps(out))


if __name__ == "__main__":
    try:
        main()
    except SystemExit as e:
        if e.code not in (None, 0):
            print(json.dumps({"error": str(e.code)}))
    except Exception as e:
        print(json.dumps({"error": "%s: %s | %s" % (type(e).__name__, e,
                                                   traceback.format_exc().strip().splitlines()[-3:])}))
