// Time the npm HL7 v2 peer (hl7-standard) on one input file; print one JSON line.
//
//   node hl7_node.mjs --node-modules <peers>/node/node_modules --input FILE [--runs 5] [--budget-seconds 240]
//
// Timed (process.hrtime.bigint): `new HL7(text); h.forceBatch = true; h.transform()`, i.e.
// hl7-standard's own batch path, which finds every MSH (and FHS/BHS/BTS/FTS) segment, cuts the
// text into messages and transforms each into its {SEG: [{data: {'SEG.n': ...}}]} form. Without
// forceBatch (or an FHS/BHS header) hl7-standard would treat the whole file as one message.
// The file is read and decoded from UTF-8 before timing. Warm-up and budget: as in hl7_python.py.

import { readFileSync } from 'node:fs';
import { parseArgs, peerLoader, now, seconds, median, runHelper, expectedHl7Counts, messageStarts } from './lib.mjs';

const PROBE_MESSAGES = 5;
const PROBE_SECONDS = 1;

await runHelper(async () => {
  const args = parseArgs(process.argv.slice(2));
  const runs = Number(args.runs ?? 5);
  const budget = Number(args['budget-seconds'] ?? 240);
  const minWarmup = Number(args['min-warmup-seconds'] ?? 1);
  const peers = peerLoader(args['node-modules']);
  const HL7 = peers.require('hl7-standard');
  const version = peers.version('hl7-standard');

  const raw = readFileSync(args.input);
  const text = raw.toString('utf8');
  const starts = messageStarts(text);
  if (starts.length === 0) throw new Error('no message (no segment starting with MSH) in input');
  const ends = [...starts.slice(1), text.length];
  const prefix = (k) => text.slice(0, ends[k - 1]);

  const parse = (t) => {
    const h = new HL7(t);
    h.forceBatch = true;
    h.transform();
    return h;
  };
  const count = (h) => {
    let segments = 0;
    for (const m of h.container) for (const k of Object.keys(m.transformed)) segments += m.transformed[k].length;
    for (const m of [...h.header, ...h.trailer]) for (const k of Object.keys(m.transformed)) segments += m.transformed[k].length;
    return { messages: h.container.length, segments };
  };

  // Cumulative UTF-8 bytes at the end of each message, to size prefixes in whole messages.
  const byteEnds = [];
  let acc = 0;
  for (let k = 0; k < starts.length; k++) { acc += Buffer.byteLength(text.slice(starts[k], ends[k])); byteEnds.push(acc); }
  const kForBytes = (allowed) => {
    let lo = 0, hi = byteEnds.length; // number of messages whose end <= allowed
    while (lo < hi) { const mid = (lo + hi) >> 1; if (byteEnds[mid] <= allowed) lo = mid + 1; else hi = mid; }
    return Math.max(1, lo);
  };
  // Messages to parse so that warm-up + runs fit in 80% of the budget, or all of them.
  const fit = (secs, bytes) => {
    const perRun = (secs * raw.length) / bytes;
    if (budget <= 0 || perRun * (runs + 1) <= budget) return [starts.length, perRun];
    return [kForBytes((0.8 * raw.length * budget) / ((runs + 1) * perRun)), perRun];
  };

  // Probe: once untimed (first call), then double the messages until a probe takes
  // PROBE_SECONDS or covers the whole input.
  let kProbe = Math.min(starts.length, PROBE_MESSAGES);
  parse(prefix(kProbe));
  let t0, probeS;
  for (;;) {
    t0 = now();
    parse(prefix(kProbe));
    probeS = seconds(t0, now());
    if (probeS >= PROBE_SECONDS || kProbe === starts.length) break;
    kProbe = Math.min(starts.length, kProbe * 2);
  }
  let [workK, estimateFull] = fit(probeS, byteEnds[kProbe - 1]);

  // Warm-up: one run, repeated until --min-warmup-seconds have passed (tiny inputs only); if that
  // run was much slower than the probe said (a busy machine), shrink the work and warm up again.
  let work = prefix(workK);
  const w0 = now();
  let h0 = parse(work);
  const firstWarmup = seconds(w0, now());
  let warmups = 1;
  if (budget > 0 && firstWarmup * (runs + 1) > 1.25 * budget) {
    const [smaller, est] = fit(firstWarmup, byteEnds[workK - 1]);
    if (smaller < workK) {
      workK = smaller; estimateFull = est; work = prefix(workK);
      h0 = null;
      h0 = parse(work);
      warmups++;
    }
  }
  const got = count(h0);
  h0 = null;
  while (seconds(w0, now()) < minWarmup) { parse(work); warmups++; }
  const workBytes = byteEnds[workK - 1];
  const expected = expectedHl7Counts(work);
  const all = [];
  for (let i = 0; i < runs; i++) {
    t0 = now();
    const h = parse(work);
    all.push(seconds(t0, now()));
    if (h.container.length !== got.messages) throw new Error('run parsed a different number of messages');
  }
  const med = median(all);
  const out = {
    peer: `hl7-standard ${version}`,
    operation: 'hl7_parse',
    bytes: raw.length,
    messages: got.messages,
    segments: got.segments,
    expected_messages: expected.messages,
    expected_segments: expected.segments,
    runs,
    median_seconds: med,
    all_seconds: all,
    warmup_runs: warmups,
    settings: { call: 'new HL7(text); h.forceBatch = true; h.transform()' },
  };
  if (workK < starts.length) {
    Object.assign(out, {
      partial: true,
      messages_in_input: starts.length,
      bytes_parsed: workBytes,
      estimated_full_input_seconds: (med * raw.length) / workBytes,
      note: `only the first ${workK} of ${starts.length} messages parsed per run to stay within --budget-seconds ${budget} (a full run estimated at ${estimateFull.toFixed(1)} s); estimated_full_input_seconds scales the median by bytes`,
    });
  }
  if (got.messages !== expected.messages || got.segments !== expected.segments) {
    out.error = `parsed ${got.messages} messages / ${got.segments} segments, expected ${expected.messages} / ${expected.segments}`;
  }
  return out;
});
