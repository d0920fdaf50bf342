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

const PROBE_MESSAGES = 20;

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

  const kProbe = Math.min(starts.length, PROBE_MESSAGES);
  const probe = prefix(kProbe);
  parse(probe);
  let t0 = now();
  parse(probe);
  const probeS = seconds(t0, now());
  const estimateFull = (probeS * raw.length) / Buffer.byteLength(probe);

  let workK = starts.length;
  if (budget > 0 && estimateFull * (runs + 1) > budget) {
    // 0.8: the probe tends to underestimate (warm caches, a quieter moment).
    const allowed = (0.8 * raw.length * budget) / ((runs + 1) * estimateFull);
    let byteEnd = 0;
    workK = kProbe;
    for (let k = 0; k < starts.length; k++) {
      byteEnd += Buffer.byteLength(text.slice(starts[k], ends[k]));
      if (byteEnd > allowed) break;
      workK = Math.max(k + 1, kProbe);
    }
  }
  const work = prefix(workK);
  const workBytes = Buffer.byteLength(work);
  const expected = expectedHl7Counts(work);

  // Warm-up: one run, repeated until --min-warmup-seconds have passed (tiny inputs only).
  const w0 = now();
  const got = count(parse(work));
  let warmups = 1;
  while (seconds(w0, now()) < minWarmup) { parse(work); warmups++; }
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
      note: `only the first ${workK} of ${starts.length} messages parsed per run to stay within --budget-seconds ${budget} (probe estimated ${estimateFull.toFixed(1)} s per full run); estimated_full_input_seconds scales the median by bytes`,
    });
  }
  if (got.messages !== expected.messages || got.segments !== expected.segments) {
    out.error = `parsed ${got.messages} messages / ${got.segments} segments, expected ${expected.messages} / ${expected.segments}`;
  }
  return out;
});
