"""Time a Python HL7 v2 parser on one input file; print one JSON line.

    PYTHONPATH=<peers>/python python3 hl7_python.py --peer python-hl7|hl7apy \
        --input FILE [--runs 5] [--budget-seconds 240]

Only the parse is timed (time.perf_counter): the file is read and decoded from UTF-8 before.
python-hl7: hl7.parse_batch(text) on the whole text (it splits on MSH itself, no BHS needed).
hl7apy:     split the text into messages on segments starting with MSH (inside the timing),
            then hl7apy.parser.parse_message(msg) on each, with its default settings
            (validation_level TOLERANT, find_groups True). A message it cannot parse is
            counted and reported as an error, never skipped silently.

Warm-up: one run before the timed ones, repeated until --min-warmup-seconds (default 1) have
passed, which only matters for the one-message file.

Budget: the parse is first probed on the first messages (doubling their number until a probe
takes 1 s); if warm-up + runs on the whole input would take longer than --budget-seconds, only
the first K messages are parsed in every run (K chosen to fit in 80% of it, and cut again after
the warm-up if that run was much slower than the probe said) and the result says so
("partial": true, with an extrapolation).
--budget-seconds 0 means always the whole input.
"""

import argparse
import bisect
import json
import re
import statistics
import sys
import time
import traceback

MSH_START = re.compile(r"(?:^|(?<=\r)|(?<=\n))MSH")
PROBE_MESSAGES = 5
PROBE_SECONDS = 1.0


def expected_counts(text):
    segments = messages = 0
    for line in re.split(r"\r\n|\r|\n", text):
        if not line:
            continue
        segments += 1
        if line.startswith("MSH"):
            messages += 1
    return messages, segments


def message_starts(text):
    return [m.start() for m in MSH_START.finditer(text)]


def make_python_hl7():
    import hl7

    def run(text):
        batch = hl7.parse_batch(text)
        return batch

    def count(batch):
        return len(batch), sum(len(m) for m in batch), []

    version = _dist_version("hl7")
    return "python-hl7", version, run, count, {"call": "hl7.parse_batch(text)"}


def make_hl7apy():
    from hl7apy.consts import VALIDATION_LEVEL
    from hl7apy.core import Group, Segment
    from hl7apy.parser import parse_message

    def run(text):
        starts = message_starts(text)
        starts.append(len(text))
        parsed, errors = [], []
        for i in range(len(starts) - 1):
            msg = text[starts[i]:starts[i + 1]]
            try:
                parsed.append(parse_message(msg, validation_level=VALIDATION_LEVEL.TOLERANT, find_groups=True))
            except Exception as e:  # reported, not skipped: see count()
                errors.append((i, "%s: %s" % (type(e).__name__, e)))
        return parsed, errors

    def segs(el):
        n = 0
        for c in el.children:
            if isinstance(c, Segment):
                n += 1
            elif isinstance(c, Group):
                n += segs(c)
        return n

    def count(result):
        parsed, errors = result
        return len(parsed), sum(segs(m) for m in parsed), errors

    version = _dist_version("hl7apy")
    settings = {
        "call": "hl7apy.parser.parse_message(msg, validation_level=TOLERANT, find_groups=True) per message",
        "split": "on segments starting with MSH, inside the timing",
    }
    return "hl7apy", version, run, count, settings


def _dist_version(name):
    from importlib.metadata import version

    return version(name)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--peer", required=True, choices=["python-hl7", "hl7apy"])
    ap.add_argument("--input", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--budget-seconds", type=float, default=240.0)
    ap.add_argument("--min-warmup-seconds", type=float, default=1.0)
    a = ap.parse_args()

    peer, version, run, count, settings = (make_python_hl7 if a.peer == "python-hl7" else make_hl7apy)()
    raw = open(a.input, "rb").read()
    text = raw.decode("utf-8")
    starts = message_starts(text)
    total_messages = len(starts)
    if total_messages == 0:
        raise SystemExit("no message (no segment starting with MSH) in input")
    ends = starts[1:] + [len(text)]

    def prefix(k):
        return text[: ends[k - 1]]

    # Cumulative UTF-8 bytes at the end of each message, to size prefixes in whole messages.
    byte_ends = []
    acc = 0
    for k in range(total_messages):
        acc += len(text[starts[k]:ends[k]].encode("utf-8"))
        byte_ends.append(acc)

    def k_for_bytes(allowed_bytes, at_least=1):
        """Largest number of whole messages within allowed_bytes (at least at_least)."""
        k = bisect.bisect_right(byte_ends, allowed_bytes)
        return max(at_least, min(k, total_messages))

    def fit(seconds_for_bytes, byte_count):
        """Messages to parse so that warm-up + runs fit in 80% of the budget, or all of them."""
        per_run = seconds_for_bytes * len(raw) / byte_count
        if a.budget_seconds <= 0 or per_run * (a.runs + 1) <= a.budget_seconds:
            return total_messages, per_run
        allowed = 0.8 * len(raw) * a.budget_seconds / ((a.runs + 1) * per_run)
        return k_for_bytes(allowed), per_run

    # Probe: the first call may load tables, so it is run once untimed; then the message count is
    # doubled until a probe takes PROBE_SECONDS or covers the whole input.
    k_probe = min(total_messages, PROBE_MESSAGES)
    run(prefix(k_probe))
    while True:
        t0 = time.perf_counter()
        run(prefix(k_probe))
        probe_s = time.perf_counter() - t0
        if probe_s >= PROBE_SECONDS or k_probe == total_messages:
            break
        k_probe = min(total_messages, k_probe * 2)
    work_k, estimate_full = fit(probe_s, byte_ends[k_probe - 1])

    # Warm-up: one run, repeated until --min-warmup-seconds have passed (tiny inputs only).
    # If that run shows the probe was far too hopeful (a busy machine), shrink the work once more
    # and warm up on it again (which also gives the counts for the smaller work).
    work = prefix(work_k)
    w0 = time.perf_counter()
    result = run(work)
    first_warmup_s = time.perf_counter() - w0
    warmups = 1
    if a.budget_seconds > 0 and first_warmup_s * (a.runs + 1) > 1.25 * a.budget_seconds:
        smaller, estimate_full = fit(first_warmup_s, byte_ends[work_k - 1])
        if smaller < work_k:
            work_k = smaller
            work = prefix(work_k)
            del result
            result = run(work)
            warmups += 1
    messages, segments, errors = count(result)
    del result
    while time.perf_counter() - w0 < a.min_warmup_seconds:
        run(work)
        warmups += 1
    work_bytes = byte_ends[work_k - 1]
    exp_messages, exp_segments = expected_counts(work)

    all_s = []
    for _ in range(a.runs):
        t0 = time.perf_counter()
        result = run(work)
        all_s.append(time.perf_counter() - t0)
        del result

    med = statistics.median(all_s)
    out = {
        "peer": "%s %s" % (peer, version),
        "operation": "hl7_parse",
        "bytes": len(raw),
        "messages": messages,
        "segments": segments,
        "expected_messages": exp_messages,
        "expected_segments": exp_segments,
        "runs": a.runs,
        "median_seconds": med,
        "all_seconds": all_s,
        "warmup_runs": warmups,
        "settings": settings,
    }
    if work_k < total_messages:
        out.update({
            "partial": True,
            "messages_in_input": total_messages,
            "bytes_parsed": work_bytes,
            "estimated_full_input_seconds": med * len(raw) / work_bytes,
            "note": "only the first %d of %d messages parsed per run to stay within --budget-seconds %g "
                    "(a full run estimated at %.1f s); estimated_full_input_seconds scales the median by bytes"
                    % (work_k, total_messages, a.budget_seconds, estimate_full),
        })
    problems = []
    if errors:
        sample = "; ".join("message %d: %s" % e for e in errors[:3])
        problems.append("%d of %d messages failed to parse (%s)" % (len(errors), exp_messages, sample))
    if not errors and (messages, segments) != (exp_messages, exp_segments):
        problems.append("parsed %d messages / %d segments, expected %d / %d"
                        % (messages, segments, exp_messages, exp_segments))
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
