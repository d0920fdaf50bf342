#!/usr/bin/env python3
"""Split the IZGateway v2tofhir test corpus into one HL7 v2 file per message.

Usage:
    python3 split_izgw.py [PATH_TO_SHARED_CORPUS_HL7_DIR]

The default input directory is ../../../../../shared/corpus/hl7, resolved
relative to this script (i.e. /work/shared/corpus/hl7 when the script lives in
/work/main/crates/hl7/tests/corpus).  Outputs are written next to the script:

    izgw/NNN-<type>.hl7      one message per file, segments ended by CR
    izgw/segments/NNN.txt    one fragment (block) of izgw-segments.txt per file
    izgw/expected.json       facts from the FHIRPath assertions + observed counts
    README.md                description, attribution and tables

Standard library only.  Deterministic: running it twice gives identical bytes.

How the source files are read (this mirrors the upstream test loader,
ContinuationReader.java + TestData.load() in IZGateway/v2tofhir):

  * every physical line is trimmed at both ends (Java String.trim(): every
    character <= U+0020), so indentation and trailing blanks disappear;
  * a trimmed line that ends in a backslash is continued: the backslash is
    dropped and the next (trimmed) line is appended directly, recursively.
    Only a backslash that is the LAST character after trimming continues a
    line; HL7 escapes such as \\F\\ or \\.br\\ inside a line are untouched;
  * a logical line starting with '#' or '//' is a comment (note: because
    continuation is applied first, a comment ending in '\\' swallows the next
    line, even an assertion -- this happens twice in the source);
  * a logical line starting with '@' is a FHIRPath assertion about the
    message above it; the text after the last '// ' is its comment;
  * a logical line matching ^[A-Z][A-Z0-9]{2}| is a segment;
  * messages: a new message starts at every 'MSH|' segment (the upstream
    loader separates messages by blank lines instead; that gives 63 units
    because one blank-line block holds two messages, a QBP and its RSP).
"""

import argparse
import hashlib
import json
import os
import re
import sys

SCRIPT_DIR = os.path.dirname(os.path.abspath(__file__))
DEFAULT_INPUT = os.path.join(SCRIPT_DIR, "..", "..", "..", "..", "..", "shared", "corpus", "hl7")
OUT_DIR = os.path.join(SCRIPT_DIR, "izgw")
SEG_DIR = os.path.join(OUT_DIR, "segments")
README = os.path.join(SCRIPT_DIR, "README.md")

ATTRIBUTION = ("IZGateway/v2tofhir @ e69158bd, src/test/resources/messages.txt and "
               "src/test/resources/segments.txt, MIT licence (as recorded in "
               "/work/shared/corpus/README.md)")

SEGMENT_RE = re.compile(r"^[A-Z][A-Z0-9]{2}\|")
IMMUNIZATION_TYPES = {("VXU", "V04"), ("ACK", "V04"), ("QBP", "Q11"), ("RSP", "K11"), ("ACK", "Q11")}
NOT_GIVEN = ("RE", "NA", "PA")
KNOWN_COMPLETION = ("CP", "RE", "NA", "PA", "")


# --------------------------------------------------------------------------
# Reading the source format
# --------------------------------------------------------------------------

def java_trim(s):
    """String.trim() of Java: strip every char <= U+0020 at both ends."""
    i, j = 0, len(s)
    while i < j and ord(s[i]) <= 32:
        i += 1
    while j > i and ord(s[j - 1]) <= 32:
        j -= 1
    return s[i:j]


def logical_lines(text):
    """Yield (first_line_no, last_line_no, text, raw_physical_lines).

    Implements the upstream ContinuationReader.
    """
    phys = text.split("\n")
    if phys and phys[-1] == "":
        phys.pop()
    i = 0
    n = len(phys)
    while i < n:
        start = i
        raw = [phys[i]]
        line = java_trim(phys[i])
        i += 1
        acc = ""
        while line.endswith("\\"):
            acc += line[:-1]
            if i >= n:
                line = ""
                break
            raw.append(phys[i])
            line = java_trim(phys[i])
            i += 1
        yield start + 1, i, acc + line, raw


def swallowed_assertion(raw):
    """If a multi-line comment swallowed an '@' line, return that assertion text."""
    for k in range(1, len(raw)):
        if java_trim(raw[k]).startswith("@"):
            parts = [java_trim(r) for r in raw[k:]]
            out = ""
            for j, p in enumerate(parts):
                out += p[:-1] if (p.endswith("\\") and j < len(parts) - 1) else p
            return out
    return None


def padded(seg, fs="|", cs="^"):
    """Locations SEG-n where a component has leading/trailing blanks or is only blanks."""
    out = []
    parts = seg.split(fs)
    off = 1 if parts[0] == "MSH" else 0
    for i, v in enumerate(parts[1:], 1):
        for c in v.split(cs):
            if c != c.strip():
                out.append("%s-%d" % (parts[0], i + off))
                break
    return out


def classify(line):
    if line == "":
        return "blank"
    if line.startswith("#") or line.startswith("//"):
        return "comment"
    if line.startswith("@"):
        return "assertion"
    if SEGMENT_RE.match(line):
        return "segment"
    return "other"


def read_units(path, split_on_msh):
    """Return (units, problems).

    For the message file a unit starts at every MSH segment.  For the segment
    file a unit is a block of segments separated by blank lines or comments.
    Each unit: dict(title, segments, assertions, swallowed, first, last,
    trimmed_lines).
    """
    with open(path, "r", encoding="utf-8", newline="") as f:
        text = f.read()
    if "\r" in text:
        problems_cr = ["input contains CR characters"]
    else:
        problems_cr = []
    units = []
    problems = list(problems_cr)
    pending_titles = []        # '#' comments seen since the last segment
    cur = None
    prev_kind = "blank"
    for first, last, line, raw in logical_lines(text):
        kind = classify(line)
        if kind == "blank":
            if not split_on_msh:
                cur = None
            prev_kind = kind
            continue
        if kind == "comment":
            swallowed = swallowed_assertion(raw)
            if swallowed is not None:
                if cur is None:
                    problems.append("line %d: comment swallows an assertion outside any unit" % first)
                else:
                    cur["swallowed"].append(swallowed)
            if not split_on_msh and prev_kind == "segment":
                cur = None
            if line.startswith("#"):
                pending_titles.append(line.lstrip("#").strip())
            prev_kind = kind
            continue
        if kind == "assertion":
            if cur is None:
                problems.append("line %d: assertion outside any unit: %s" % (first, line[:60]))
            else:
                cur["assertions"].append(line)
                cur["last"] = last
            prev_kind = kind
            continue
        if kind == "other":
            problems.append("line %d: neither segment, comment nor assertion: %s" % (first, line[:60]))
            prev_kind = kind
            continue
        # segment
        if cur is None or (split_on_msh and line.startswith("MSH|")):
            cur = {"title": [c for c in pending_titles if c], "segments": [], "assertions": [],
                   "swallowed": [], "first": first, "last": last, "trimmed_lines": 0,
                   "continued": 0}
            units.append(cur)
        pending_titles = []
        cur["segments"].append(line)
        cur["last"] = last
        if any(r != r.rstrip(" \t") for r in raw):
            cur["trimmed_lines"] += 1
        if len(raw) > 1:
            cur["continued"] += 1
            if any(not b[:1].isspace() for b in raw[1:]):
                problems.append("line %d: continuation line is not indented" % first)
        prev_kind = kind
    if split_on_msh:
        for u in units:
            if not u["segments"][0].startswith("MSH|"):
                problems.append("unit at line %d does not start with MSH" % u["first"])
    return units, problems


# --------------------------------------------------------------------------
# HL7 helpers
# --------------------------------------------------------------------------

def delimiters(segments):
    msh = segments[0]
    if msh.startswith("MSH") and len(msh) >= 8:
        return msh[3], msh[4], msh[5], msh[6], msh[7]
    return "|", "^", "~", "\\", "&"


def field(seg, n, fs="|"):
    parts = seg.split(fs)
    if parts[0] == "MSH":
        if n == 1:
            return fs
        idx = n - 1
    else:
        idx = n
    return parts[idx] if idx < len(parts) else ""


def comp(value, n, cs="^"):
    parts = value.split(cs)
    return parts[n - 1] if n - 1 < len(parts) else ""


def nonempty(value, seps):
    return any(ch not in seps and not ch.isspace() for ch in value)


def valid_ts(ts):
    """Rough HL7 DTM check: digits, optional .fraction and +/-ZZZZ; real date."""
    m = re.match(r"^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\.\d{1,4})?([+-]\d{4})?$", ts)
    if not m:
        return False
    y, mo, d, h, mi, s = m.group(1, 2, 3, 4, 5, 6)
    if mo is not None and not (1 <= int(mo) <= 12):
        return False
    if d is not None:
        import calendar
        if not (1 <= int(d) <= calendar.monthrange(int(y), int(mo))[1]):
            return False
    if h is not None and int(h) > 23:
        return False
    if mi is not None and int(mi) > 59:
        return False
    if s is not None and int(s) > 59:
        return False
    return True


VALID_ESCAPE = re.compile(r"^(F|S|T|R|E|H|N|\.br|\.sp\d*|\.in[+-]?\d+|\.ti[+-]?\d+|\.sk\d+|\.ce|\.fi|\.nf|X[0-9A-Fa-f]+|Z.*|C[0-9A-Fa-f]{4}|M[0-9A-Fa-f]{4,6})$")


def bad_escapes(segments, esc):
    out = []
    for seg in segments:
        body = seg[9:] if seg.startswith("MSH|") else seg
        pos = 0
        while True:
            a = body.find(esc, pos)
            if a < 0:
                break
            b = body.find(esc, a + 1)
            if b < 0:
                out.append(body[a:a + 12] + " (unterminated)")
                break
            inner = body[a + 1:b]
            if not VALID_ESCAPE.match(inner):
                out.append(body[a:b + 1])
            pos = b + 1
    return out


def observe(segments):
    fs, cs, rs, esc, ss = delimiters(segments)
    seps = cs + rs + ss
    ids = []
    counts = {}
    for s in segments:
        sid = s[:3]
        counts[sid] = counts.get(sid, 0) + 1
        if sid not in ids:
            ids.append(sid)
    rxas = [s for s in segments if s.startswith("RXA" + fs)]
    pids = [s for s in segments if s.startswith("PID" + fs)]
    obs = {
        "segment_count": len(segments),
        "pid": counts.get("PID", 0),
        "rxa": len(rxas),
        "rxa_entered_in_error_21_D": sum(1 for r in rxas if comp(field(r, 21, fs), 1, cs).strip() == "D"),
        "rxa_not_given_20_RE_NA_PA": sum(1 for r in rxas if comp(field(r, 20, fs), 1, cs).strip() in NOT_GIVEN),
        "rxa_cvx_998": sum(1 for r in rxas if comp(field(r, 5, fs), 1, cs).strip() == "998"),
        "nk1": counts.get("NK1", 0),
        "nk1_mth": sum(1 for s in segments if s.startswith("NK1" + fs)
                       and comp(field(s, 3, fs), 1, cs).strip() == "MTH"),
        "obx": counts.get("OBX", 0),
        "obx_64994_7": sum(1 for s in segments if s.startswith("OBX" + fs)
                           and comp(field(s, 3, fs), 1, cs).strip() == "64994-7"),
        "in1": counts.get("IN1", 0),
        "in2": counts.get("IN2", 0),
        "in3": counts.get("IN3", 0),
        "gt1": counts.get("GT1", 0),
        "err": counts.get("ERR", 0),
        "segment_ids": ids,
        "pid6_mothers_maiden_name_nonempty": (any(nonempty(field(p, 6, fs), seps) for p in pids)
                                              if pids else None),
    }
    msa = [s for s in segments if s.startswith("MSA" + fs)]
    if msa:
        obs["msa_1"] = field(msa[0], 1, fs)
    qak = [s for s in segments if s.startswith("QAK" + fs)]
    if qak:
        obs["qak_2"] = field(qak[0], 2, fs)
    qpd = [s for s in segments if s.startswith("QPD" + fs)]
    if qpd and comp(field(qpd[0], 1, fs), 1, cs) in ("Z34", "Z44"):
        obs["qpd5_mothers_maiden_name_nonempty"] = nonempty(field(qpd[0], 5, fs), seps)
    return obs


def type_name(segments):
    msh = segments[0]
    fs, cs = msh[3], msh[4]
    t = field(msh, 9, fs)
    name = "_".join(x for x in (comp(t, 1, cs), comp(t, 2, cs)) if x)
    prof = comp(field(msh, 21, fs), 1, cs).strip()
    if prof:
        name += "_" + prof
    return re.sub(r"[^A-Za-z0-9_-]", "-", name) or "UNKNOWN"


# --------------------------------------------------------------------------
# FHIRPath assertion -> fact translation
# --------------------------------------------------------------------------

def fhirpath_of(assertion):
    """Text before the last '// ' (upstream getFhirPath), without the '@'."""
    body = assertion[1:]
    k = body.rfind("// ")
    if k >= 0:
        body = body[:k]
    return body.strip()


def norm(expr):
    expr = re.sub(r"\s+", " ", expr).strip()
    expr = re.sub(r"\s*([().=,\[\]])\s*", r"\1", expr)
    expr = expr.replace("$this.", "").replace("$this=", "this=")
    return expr


def snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


Q = r"'((?:[^'\\]|\\.)*)'"

# Each rule: (regex on normalized path, handler(match, facts) -> True if translated)
def _set(facts, key, value):
    if key in facts and facts[key] != value:
        raise ValueError("conflicting values for %s: %r vs %r" % (key, facts[key], value))
    facts[key] = value


def _add(facts, key, value):
    lst = facts.setdefault(key, [])
    if value not in lst:
        lst.append(value)


def _count(facts, key, op, n):
    n = int(n)
    if op == "=":
        _set(facts, key, n)
    else:  # >=
        k = key + "_at_least"
        facts[k] = max(facts.get(k, 0), n)


def _table_code(facts, table, code):
    d = facts.setdefault("v2_table_codes", {})
    lst = d.setdefault("HL7" + table, [])
    if code not in lst:
        lst.append(code)


RULES = []


def rule(pattern):
    def deco(fn):
        RULES.append((re.compile("^" + pattern + "$"), fn))
        return fn
    return deco


@rule(r"Bundle\.entry\.resource\.ofType\((\w+)\)\.count\(\)(>=|=)(\d+)")
def _r_bundle_count(m, f):
    _count(f, snake(m.group(1)) + "_count", m.group(2), m.group(3))


@rule(r"(MessageHeader|OperationOutcome|Patient|Immunization|RelatedPerson|Parameters|"
      r"ImmunizationRecommendation|Observation|Practitioner|Organization|Coverage)\.count\(\)(>=|=)(\d+)")
def _r_res_count(m, f):
    _count(f, snake(m.group(1)) + "_count", m.group(2), m.group(3))


@rule(r"Patient\.(name|address|telecom|identifier)\.count\(\)(>=|=)(\d+)")
def _r_patient_elem_count(m, f):
    _count(f, "patient_" + m.group(1) + "_count", m.group(2), m.group(3))


@rule(r"MessageHeader\.(source|destination)\.(name|endpoint)=" + Q)
def _r_mh_endpoint(m, f):
    _set(f, "message_%s_%s" % (m.group(1), m.group(2)), m.group(3))


@rule(r"Bundle\.timestamp=" + Q)
def _r_timestamp(m, f):
    _set(f, "message_timestamp", m.group(1))


@rule(r"MessageHeader\.event\.code\.exists\(this=" + Q + r"\)")
def _r_event(m, f):
    _set(f, "trigger_event", m.group(1))


@rule(r"MessageHeader\.meta\.tag\.code\.exists\(this=" + Q + r"\)")
def _r_msgcode(m, f):
    _set(f, "message_code", m.group(1))


@rule(r"MessageHeader\.definition\.exists\(endsWith\(" + Q + r"\)\)")
def _r_structure(m, f):
    _set(f, "message_structure_suffix", m.group(1))


@rule(r"MessageHeader\.response\.code\.exists\(this=" + Q + r"\)")
def _r_resp_code(m, f):
    _set(f, "response_code_fhir", m.group(1))


@rule(r"MessageHeader\.response\.identifier\.exists\(this=" + Q + r"\)")
def _r_resp_id(m, f):
    _set(f, "response_identifier", m.group(1))


@rule(r"OperationOutcome(?:\[\d+\])?\.issue\.details\.coding\.exists\(code=" + Q +
      r" ?and system\.endsWith\('(\d{4})'\)\)")
def _r_issue_code_exists(m, f):
    _table_code(f, m.group(2), m.group(1))


@rule(r"OperationOutcome(?:\[\d+\])?\.issue\.details\.coding\.where\(code=" + Q +
      r" ?and system\.endsWith\('(\d{4})'\) ?(?:and display=" + Q + r")?\)")
def _r_issue_code_where(m, f):
    _table_code(f, m.group(2), m.group(1))
    if m.group(3) is not None:
        d = f.setdefault("v2_code_displays", {})
        d["HL7%s|%s" % (m.group(2), m.group(1))] = m.group(3)


@rule(r"OperationOutcome(?:\[\d+\])?\.issue\.diagnostics\.exists\(this=" + Q + r"\)")
def _r_diag(m, f):
    _add(f, "issue_diagnostics", m.group(1))


@rule(r"Parameters\.meta\.tag\[0\]\.exists\(code=" + Q + r" ?and display=" + Q + r" ?and system=" + Q + r"\)")
def _r_query_name(m, f):
    _set(f, "query_name_code", m.group(1))
    _set(f, "query_name_display", m.group(2))


@rule(r"Parameters\.meta\.tag\[1\]\.exists\(code=" + Q + r" ?and system='QueryTag'\)")
def _r_query_tag(m, f):
    _set(f, "query_tag", m.group(1))


@rule(r"Parameters\.parameter\.where\(" + Q + r"=name and value\.ofType\(Identifier\)\.where\(value=" + Q +
      r" ?and system=" + Q + r"\)\.where\(" + Q + r" ?in type\.coding\.code\)\)")
def _r_query_param_ident(m, f):
    _add(f, "query_parameters", {"name": m.group(1), "value": m.group(2), "system": m.group(3),
                                 "type": m.group(4)})


@rule(r"Patient\.identifier\.exists\(value=" + Q + r" ?and system=" + Q + r" ?and type\.coding\.code=" + Q + r"\)")
def _r_pat_ident(m, f):
    _add(f, "patient_identifiers", {"value": m.group(1), "system": m.group(2), "type": m.group(3)})


@rule(r"Patient\.identifier\.system\.exists\(this=" + Q + r"\)")
def _r_pat_ident_sys(m, f):
    _add(f, "patient_identifier_systems", m.group(1))


@rule(r"Patient\.name\.family=" + Q)
def _r_family(m, f):
    _add(f, "patient_family_names", m.group(1))


@rule(r"Patient\.name\.given\[(\d+)\]=" + Q)
def _r_given(m, f):
    lst = f.setdefault("patient_given_names", [])
    i = int(m.group(1))
    while len(lst) <= i:
        lst.append(None)
    if lst[i] not in (None, m.group(2)):
        raise ValueError("conflicting given[%d]" % i)
    lst[i] = m.group(2)


@rule(r"Patient\.birthDate(?:\.toString\(\))?=" + Q)
def _r_birth(m, f):
    _add(f, "patient_birth_dates", m.group(1))


@rule(r"Patient\.gender=" + Q)
def _r_gender(m, f):
    _add(f, "patient_genders_fhir", m.group(1))


@rule(r"Patient\.extension\.exists\(url='http://hl7\.org/fhir/StructureDefinition/patient-mothersMaidenName'"
      r" ?and value=" + Q + r"\)")
def _r_mmn(m, f):
    _set(f, "mothers_maiden_name", m.group(1))


@rule(r"Patient\.address\.(line|city|state|postalCode|country|district)=" + Q)
def _r_addr(m, f):
    _add(f, "patient_address_" + snake(m.group(1)) + ("s" if m.group(1) == "line" else ""), m.group(2))


@rule(r"Patient\.telecom\.value=" + Q)
def _r_tel(m, f):
    _add(f, "patient_telecom_values", m.group(1))


@rule(r"Patient\.extension\('http://hl7\.org/fhir/us/core/StructureDefinition/us-core-(race|ethnicity)'\)"
      r"\.extension\.exists\(url='text' ?and value=" + Q + r"\)")
def _r_race_text(m, f):
    _set(f, "patient_%s_text" % m.group(1), m.group(2))


@rule(r"Immunization\.vaccineCode\.coding\.code contains " + Q)
def _r_imm_code(m, f):
    _add(f, "immunization_codes", m.group(1))


@rule(r"Patient\.name\.family contains " + Q)
def _r_family_contains(m, f):
    _add(f, "patient_family_names", m.group(1))


def translate(assertions):
    facts, unparsed = {}, []
    for a in assertions:
        expr = norm(fhirpath_of(a))
        for rx, fn in RULES:
            m = rx.match(expr)
            if m:
                fn(m, facts)
                break
        else:
            unparsed.append(a)
    return facts, unparsed


def count_facts(facts):
    """A fact = one scalar, one list element, or one mapping entry."""
    n = 0
    per = {}
    for k, v in facts.items():
        if isinstance(v, list):
            c = len(v)
        elif isinstance(v, dict):
            c = sum(len(x) if isinstance(x, list) else 1 for x in v.values())
        else:
            c = 1
        per[k] = c
        n += c
    return n, per


# --------------------------------------------------------------------------
# Notes for the README table
# --------------------------------------------------------------------------

def notes_for(segments, obs, unit):
    fs, cs, rs, esc, ss = delimiters(segments)
    msh = segments[0]
    t = field(msh, 9, fs)
    code, event = comp(t, 1, cs), comp(t, 2, cs)
    prof = comp(field(msh, 21, fs), 1, cs)
    notes = []
    if (code, event) not in IMMUNIZATION_TYPES:
        notes.append("not immunization (IHE PIX/PDQ sample, v%s)" % field(msh, 12, fs))
    if prof == "Z42":
        notes.append("Z42 evaluated history + forecast")
    if prof == "Z31":
        notes.append("Z31 candidate list" + (", two-patient" if obs["pid"] == 2 else ""))
    if prof == "Z33":
        notes.append("Z33 " + {"NF": "no match (QAK NF)", "TM": "too many (QAK TM)",
                               "AE": "error (QAK AE)"}.get(obs.get("qak_2", ""), "ack"))
    if code == "ACK" and obs["err"]:
        notes.append("ACK with %d ERR" % obs["err"])
    elif obs["err"]:
        notes.append("%d ERR" % obs["err"])
    if obs.get("msa_1") in ("AE", "AR"):
        notes.append("MSA-1 " + obs["msa_1"])
    if obs["pid"] > 1 and prof != "Z31":
        notes.append("%d PIDs" % obs["pid"])
    if obs["rxa_cvx_998"]:
        notes.append("CVX 998 / RXA-20 NA")
    if obs["rxa_entered_in_error_21_D"]:
        notes.append("RXA-21 D")
    for r in (s for s in segments if s.startswith("RXA" + fs)):
        c20 = comp(field(r, 20, fs), 1, cs)
        if c20 not in KNOWN_COMPLETION:
            notes.append("RXA-20 = '%s' (typo)" % c20)
        for n in (3, 4):
            v = field(r, n, fs)
            if v and not valid_ts(v):
                notes.append("RXA-%d '%s' not a valid date" % (n, v))
    v7 = field(msh, 7, fs)
    if not v7:
        notes.append("MSH-7 empty")
    elif not valid_ts(v7):
        notes.append("MSH-7 '%s' not a valid DTM" % v7)
    if not field(msh, 10, fs):
        notes.append("MSH-10 empty")
    for b in bad_escapes(segments, esc):
        notes.append("invalid escape %s" % b)
    if any(ord(ch) > 126 for s in segments for ch in s):
        notes.append("non-ASCII (UTF-8) text, no MSH-18")
    pads = [loc for s in segments for loc in padded(s, fs, cs)]
    if pads:
        notes.append("blanks inside " + ", ".join(sorted(set(pads), key=pads.index)))
    holders = sorted(set(m for s in segments for m in re.findall(r"\{\{[^}]*\}\}", s)))
    if holders:
        notes.append("unfilled template " + ", ".join(holders))
    if unit["trimmed_lines"]:
        notes.append("trailing blanks dropped on %d source line(s)" % unit["trimmed_lines"])
    if unit["continued"]:
        notes.append("%d segment(s) joined from '\\' continuation lines" % unit["continued"])
    return notes


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def clean_outputs():
    if os.path.isdir(OUT_DIR):
        for name in os.listdir(OUT_DIR):
            if re.match(r"^\d{3}-[A-Za-z0-9_-]+\.hl7$", name) or name == "expected.json":
                os.remove(os.path.join(OUT_DIR, name))
    if os.path.isdir(SEG_DIR):
        for name in os.listdir(SEG_DIR):
            if re.match(r"^\d{3}\.txt$", name):
                os.remove(os.path.join(SEG_DIR, name))
    os.makedirs(SEG_DIR, exist_ok=True)


def write_bytes(path, data):
    with open(path, "wb") as f:
        f.write(data)


def md(s):
    return str(s).replace("|", "\\|")


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", default=DEFAULT_INPUT,
                    help="directory holding izgw-messages.txt and izgw-segments.txt")
    args = ap.parse_args(argv)
    src = os.path.abspath(args.corpus)
    msg_path = os.path.join(src, "izgw-messages.txt")
    seg_path = os.path.join(src, "izgw-segments.txt")

    messages, p1 = read_units(msg_path, split_on_msh=True)
    fragments, p2 = read_units(seg_path, split_on_msh=False)
    problems = p1 + ["segments: " + p for p in p2]

    clean_outputs()

    expected = {}
    rows = []
    digests = {}
    total_facts, facts_per_kind, total_unparsed, total_assertions, total_swallowed = 0, {}, 0, 0, 0
    for i, u in enumerate(messages, 1):
        segs = u["segments"]
        name = "%03d-%s.hl7" % (i, type_name(segs))
        data = ("\r".join(segs) + "\r").encode("utf-8")
        write_bytes(os.path.join(OUT_DIR, name), data)
        fs, cs = segs[0][3], segs[0][4]
        facts, unparsed = translate(u["assertions"])
        nf, per = count_facts(facts)
        total_facts += nf
        for k, c in per.items():
            facts_per_kind[k] = facts_per_kind.get(k, 0) + c
        total_unparsed += len(unparsed)
        total_assertions += len(u["assertions"])
        total_swallowed += len(u["swallowed"])
        obs = observe(segs)
        entry = {
            "message_type": field(segs[0], 9, fs),
            "profile": field(segs[0], 21, fs) or None,
            "source_lines": [u["first"], u["last"]],
            "assertions": len(u["assertions"]),
            "facts": facts,
            "unparsed_assertions": unparsed,
        }
        if u["swallowed"]:
            entry["assertions_swallowed_by_comment_continuation"] = u["swallowed"]
        entry["observed"] = obs
        expected[name] = entry
        h = hashlib.sha256("\r".join(segs[1:]).encode()).hexdigest()
        digests.setdefault(h, []).append(name)
        rows.append((name, entry, obs, notes_for(segs, obs, u), " / ".join(u["title"])))

    dup_bodies = [v for v in digests.values() if len(v) > 1]
    for group in dup_bodies:
        for r in rows:
            if r[0] in group:
                r[3].append("same segments after MSH as " + ", ".join(g[:3] for g in group if g != r[0]))

    ctl = {}
    for name, entry, obs, notes, title in rows:
        msh = None
        with open(os.path.join(OUT_DIR, name), "rb") as f:
            msh = f.read().decode("utf-8").split("\r")[0]
        cid = field(msh, 10, "|")
        if cid:
            ctl.setdefault(cid, []).append(name)
    for cid, names in ctl.items():
        if len(names) > 1:
            for r in rows:
                if r[0] in names:
                    r[3].append("MSH-10 '%s' shared with %s" % (cid, ", ".join(n[:3] for n in names if n != r[0])))

    with open(os.path.join(OUT_DIR, "expected.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(expected, f, indent=1, ensure_ascii=False)
        f.write("\n")

    seg_rows = []
    for i, u in enumerate(fragments, 1):
        name = "%03d.txt" % i
        write_bytes(os.path.join(SEG_DIR, name), ("\r".join(u["segments"]) + "\r").encode("utf-8"))
        obs = observe(u["segments"])
        seg_rows.append((name, " / ".join(u["title"]), obs, u))
        if u["assertions"]:
            problems.append("segments unit %d has assertions (not expected)" % i)

    # ---------------- checks ----------------
    errors = []
    files = sorted(n for n in os.listdir(OUT_DIR) if n.endswith(".hl7"))
    if len(files) != len(messages):
        errors.append("file count %d != message count %d" % (len(files), len(messages)))
    assertion_like = re.compile(r"(^|\r)\s*@|@(MessageHeader|Bundle|Patient|OperationOutcome|Parameters|"
                                r"Immunization|%context)|\.exists\(|\$this")
    for n in files:
        b = open(os.path.join(OUT_DIR, n), "rb").read()
        t = b.decode("utf-8")
        if not t.startswith("MSH|"):
            errors.append(n + ": does not start with MSH|")
        if "\n" in t:
            errors.append(n + ": contains LF")
        if not t.endswith("\r") or t.endswith("\r\r") or "\r\r" in t:
            errors.append(n + ": bad CR structure")
        if assertion_like.search(t):
            errors.append(n + ": contains assertion-like text")
        if t.count("MSH|") != 1:
            errors.append(n + ": MSH count %d" % t.count("MSH|"))
    for n in sorted(os.listdir(SEG_DIR)):
        t = open(os.path.join(SEG_DIR, n), "rb").read().decode("utf-8")
        if "\n" in t or assertion_like.search(t) or not t.endswith("\r"):
            errors.append("segments/" + n + ": bad content")

    write_readme(rows, seg_rows, problems, total_facts, facts_per_kind, total_unparsed,
                 total_assertions, total_swallowed, dup_bodies)

    # ---------------- summary ----------------
    types = {}
    for name, entry, obs, notes, title in rows:
        types[entry["message_type"]] = types.get(entry["message_type"], 0) + 1
    imm = sum(1 for r in rows if not any(x.startswith("not immunization") for x in r[3]))
    print("messages: %d files (%d immunization, %d other); segment fragments: %d"
          % (len(rows), imm, len(rows) - imm, len(seg_rows)))
    for t in sorted(types):
        print("  %-22s %d" % (t, types[t]))
    print("assertions: %d loaded, %d swallowed by comment continuations; facts: %d; untranslated: %d"
          % (total_assertions, total_swallowed, total_facts, total_unparsed))
    for k in sorted(facts_per_kind):
        print("  fact %-40s %d" % (k, facts_per_kind[k]))
    for c in claims(rows):
        print("claim check: " + c)
    for p in problems:
        print("note: " + p)
    for e in errors:
        print("ERROR: " + e)
    return 1 if errors else 0


def claims(rows):
    iz = [r for r in rows if not any(x.startswith("not immunization") for x in r[3])]
    by = {}
    for r in iz:
        t = r[1]["message_type"].split("^")
        by["^".join(t[:2])] = by.get("^".join(t[:2]), 0) + 1
    rv = [r for r in iz if r[1]["message_type"].split("^")[:2] in (["RSP", "K11"], ["VXU", "V04"])]
    out = [
        "messages: %d (claimed 64); immunization (MSH-9 in VXU^V04, ACK^V04, QBP^Q11, RSP^K11, ACK^Q11): %d "
        "(claimed 28): %s" % (len(rows), len(iz), ", ".join("%s %d" % kv for kv in sorted(by.items()))),
        "RSP^K11 or VXU^V04: %d (claimed 18)" % len(rv),
        "of those, PID-6 non-empty: %d (claimed about 11)"
        % sum(1 for r in rv if r[2]["pid6_mothers_maiden_name_nonempty"]),
        "of those, NK1-3 = MTH: %d (claimed 13)" % sum(1 for r in rv if r[2]["nk1_mth"]),
        "of those, OBX 64994-7: %d (claimed 11)" % sum(1 for r in rv if r[2]["obx_64994_7"]),
        "of those, QPD-5 (mother's maiden name) non-empty: %d (claimed 'several')"
        % sum(1 for r in rv if r[2].get("qpd5_mothers_maiden_name_nonempty")),
    ]
    return out


def write_readme(rows, seg_rows, problems, total_facts, facts_per_kind, total_unparsed,
                 total_assertions, total_swallowed, dup_bodies):
    L = []
    a = L.append
    a("# HL7 v2 corpus: IZGateway v2tofhir examples")
    a("")
    a("Generated by `split_izgw.py`; do not edit by hand (edit the script and rerun it).")
    a("")
    a("Source: " + ATTRIBUTION + ". The messages are the CDC immunization guide examples")
    a("(HL7 2.5.1 IG release 1.5, 2018 update), IZ Gateway mock responses and IHE PIX/PDQ samples")
    a("(openpixpdq), as collected by that repository. Treat them as hostile test input, not as a specification.")
    a("")
    a("## What is here")
    a("")
    a("| path | content |")
    a("|---|---|")
    a("| `split_izgw.py` | the generator (Python 3, standard library only) |")
    a("| `izgw/NNN-<type>.hl7` | one message per file, NNN = 1-based position in `izgw-messages.txt`; "
      "`<type>` = MSH-9.1`_`MSH-9.2, plus `_`MSH-21.1 when MSH-21 is present. Segments end in a single CR "
      "(also after the last one); no LF anywhere; UTF-8, bytes otherwise as in the source |")
    a("| `izgw/segments/NNN.txt` | one fragment per blank-line-separated block of `izgw-segments.txt` "
      "(same CR convention); the `#` heading of each block is listed below, not in the file |")
    a("| `izgw/expected.json` | per message file: `message_type` (MSH-9), `profile` (MSH-21), `source_lines`, "
      "`assertions` (number of FHIRPath assertions the upstream loader attaches to the message), `facts` "
      "(what those assertions state, translated), `unparsed_assertions` (verbatim, after joining "
      "continuations), and `observed` (counted mechanically from the HL7 text) |")
    a("")
    a("## Regenerate")
    a("")
    a("```sh")
    a("cd crates/hl7/tests/corpus")
    a("python3 split_izgw.py                      # default input: ../../../../../shared/corpus/hl7")
    a("python3 split_izgw.py /path/to/corpus/hl7  # explicit input directory")
    a("```")
    a("")
    a("The script deletes and rewrites only its own outputs, checks them (every message file starts with "
      "`MSH|`, holds exactly one MSH, has no LF and no assertion text, ends with one CR) and exits non-zero "
      "if a check fails.")
    a("")
    a("## How the source format was read")
    a("")
    a("Same rules as the upstream loader (`ContinuationReader.java`, `TestData.load()`):")
    a("")
    a("* each physical line is trimmed at both ends (Java `String.trim()`), so indentation **and trailing "
      "blanks of data lines are dropped** (e.g. `OBX|3|...||||||F ` becomes `...||||||F`);")
    a("* a trimmed line ending in `\\` is joined to the next trimmed line with the backslash removed and "
      "nothing inserted. Only the last character counts: `MSH|^~\\&|\\` + `TEST|MOCK|\\` + ... gives "
      "`MSH|^~\\&|TEST|MOCK|...`; escapes such as `\\\"P\\\"` in the middle of a line are left alone;")
    a("* `#...` and `//...` lines are comments, `@...` lines are assertions about the message above;")
    a("* a message starts at each `MSH|` line. (Upstream splits at blank lines instead, which yields 63 "
      "units: messages 063 and 064, a QBP and its RSP, share one block.)")
    a("")
    a("## Facts in expected.json")
    a("")
    with_a = [r[0][:3] for r in rows if r[1]["assertions"]]
    a("Messages carrying assertions: %s (%d loaded; %d more are swallowed by "
      "comment lines that end in `\\` and are listed under `assertions_swallowed_by_comment_continuation`, "
      "not translated because upstream never evaluates them). %d facts were extracted; %d assertions "
      "could not be translated (FHIR-only details such as `meta.tag.count()`, OMB race/ethnicity codes "
      "mapped from legacy text, `issue.severity`, `address.use.empty()`)."
      % (", ".join(with_a) or "none", total_assertions, total_swallowed, total_facts, total_unparsed))
    a("")
    a("All other messages have `assertions: 0` and empty `facts`: for them only `observed` is available, "
      "and `observed` is not an independent oracle (it is computed from the same text a parser reads).")
    a("")
    a("Keys use FHIR wording because the assertions are about the FHIR conversion; the HL7 field each one "
      "presumably comes from (inferred from FHIR v2 mapping conventions and consistent with message 001; "
      "not stated by the assertions themselves):")
    a("")
    a("| key | HL7 v2 | n |")
    a("|---|---|---|")
    hl7map = {
        "message_header_count": "one MSH", "message_source_name": "MSH-4 sending facility",
        "message_source_endpoint": "MSH-3 sending application",
        "message_destination_name": "MSH-6 receiving facility",
        "message_destination_endpoint": "MSH-5 receiving application",
        "message_timestamp": "MSH-7 (as FHIR instant)", "trigger_event": "MSH-9.2",
        "message_code": "MSH-9.1", "message_structure_suffix": "MSH-9.3 (assertion uses endsWith)",
        "response_code_fhir": "MSA-1 (FHIR `ok` = AA or CA)", "response_identifier": "MSA-2",
        "operation_outcome_count_at_least": "MSA/QAK/ERR each yield an OperationOutcome",
        "v2_table_codes": "codes by table: HL70008 = MSA-1, HL70208 = QAK-2, HL70357 = ERR-3, HL70516 = ERR-4",
        "v2_code_displays": "text of those codes (ERR-3.2)",
        "issue_diagnostics": "ERR-8 user message", "query_name_code": "QPD-1.1",
        "query_name_display": "QPD-1.2", "query_tag": "QPD-2",
        "query_parameters": "QPD-3 (CX: id, assigning authority, id type)",
        "patient_identifiers": "PID-3 (CX.1, CX.4, CX.5)", "patient_identifier_systems": "PID-3.4",
        "patient_name_count": "PID-5 repetitions", "patient_family_names": "PID-5.1",
        "patient_given_names": "PID-5.2, PID-5.3 in order", "mothers_maiden_name": "PID-6.1",
        "patient_birth_dates": "PID-7 (as FHIR date)", "patient_genders_fhir": "PID-8 (male = M)",
        "patient_race_text": "PID-10 text", "patient_address_lines": "PID-11.1",
        "patient_address_city": "PID-11.3", "patient_address_state": "PID-11.4",
        "patient_address_postal_code": "PID-11.5", "patient_telecom_count": "PID-13 repetitions",
        "patient_telecom_values": "PID-13 number", "patient_ethnicity_text": "PID-22 text",
    }
    for k in sorted(facts_per_kind):
        a("| `%s` | %s | %d |" % (k, md(hl7map.get(k, "")), facts_per_kind[k]))
    a("")
    a("`observed` keys: `pid`, `rxa`, `rxa_entered_in_error_21_D` (RXA-21.1 = D), `rxa_not_given_20_RE_NA_PA` "
      "(RXA-20.1 in RE, NA, PA), `rxa_cvx_998` (RXA-5.1 = 998), `nk1`, `nk1_mth` (NK1-3.1 = MTH), `obx`, "
      "`obx_64994_7` (funding eligibility), `in1`, `in2`, `in3`, `gt1`, `err`, `segment_ids` (distinct, in "
      "order of first appearance), `pid6_mothers_maiden_name_nonempty` (any PID whose PID-6 has a character "
      "other than separators and blanks; null without PID), `msa_1`, `qak_2`, and for Z34/Z44 queries "
      "`qpd5_mothers_maiden_name_nonempty`. Fields are counted as `split('|')[n]`, MSH as `[n-1]`.")
    a("")
    a("## Checks of the shared corpus README's claims")
    a("")
    for line in claims(rows):
        a("* " + md(line))
    a("")
    a("## Messages")
    a("")
    a("| file | MSH-9 | MSH-21 | PID | RXA | source heading | notes |")
    a("|---|---|---|---|---|---|---|")
    for name, entry, obs, notes, title in rows:
        a("| %s | %s | %s | %d | %d | %s | %s |" % (
            name, md(entry["message_type"]), md(entry["profile"] or ""), obs["pid"], obs["rxa"],
            md(title), md("; ".join(notes))))
    a("")
    a("## Segment fragments (izgw-segments.txt)")
    a("")
    a("That file has a different structure from the message file: no MSH (except one ACK), no assertions, "
      "just blocks of 1 to 7 segments, each under a `#` heading taken from the guide, separated by blank "
      "lines. Upstream loads it segment by segment (`isMessageFile = false`); here each block is one file. "
      "Several blocks are deliberately partial (an `RXA|...` heading stands for an elided RXA).")
    a("")
    a("| file | heading | segments | notes |")
    a("|---|---|---|---|")
    for name, title, obs, u in seg_rows:
        notes = []
        fs, cs = "|", "^"
        for s in u["segments"]:
            if s.startswith("RXA|"):
                c20 = comp(field(s, 20, fs), 1, cs)
                if c20 in NOT_GIVEN:
                    notes.append("RXA-20 %s" % c20)
                if comp(field(s, 5, fs), 1, cs) == "998":
                    notes.append("CVX 998")
                if "NA" in s.split("|") and c20 != "NA":
                    notes.append("NA in RXA-%d, not RXA-20" % s.split("|").index("NA"))
                if "\u2026" in s:
                    notes.append("RXA truncated with a literal '\u2026'")
            if s.startswith("OBX|"):
                if "XVC40XVC40" in s:
                    notes.append("'XVC40XVC40' (doubled, VXC40 misspelt) in OBX-%d"
                                 % s.split("|").index(next(x for x in s.split("|") if "XVC40" in x)))
                if "eligigble" in s:
                    notes.append("typo 'eligigble'")
                parts = s.split("|")
                if re.match(r"^\d{8} \S", parts[-1]):
                    notes.append("heading text pasted into OBX-%d: '%s'" % (len(parts) - 1, parts[-1]))
        pads = [loc for s in u["segments"] for loc in padded(s)]
        if pads:
            notes.append("blanks inside " + ", ".join(sorted(set(pads), key=pads.index)))
        if u["trimmed_lines"]:
            notes.append("trailing blanks dropped on %d line(s)" % u["trimmed_lines"])
        seen = []
        for x in notes:
            if x not in seen:
                seen.append(x)
        a("| segments/%s | %s | %s | %s |" % (name, md(title), " ".join(s[:3] for s in u["segments"]),
                                             md("; ".join(seen))))
    a("")
    if problems:
        a("## Loader notes")
        a("")
        for p in problems:
            a("* " + md(p))
        a("")
    with open(README, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(L))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
