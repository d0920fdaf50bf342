// Shared bits for the Node peer helpers (hl7_node.mjs, shc_node.mjs, pdf_node.mjs, fhir_node.mjs).
// No dependencies: peers are loaded from the node_modules folder passed in with --node-modules,
// never from the project's own node_modules.

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** `--key value` pairs into an object (flags without a value become true). */
export function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const key = a.slice(2);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) out[key] = true;
    else { out[key] = next; i++; }
  }
  return out;
}

/** A loader bound to `<nodeModules>/..` so `require`/`import` resolve only there. */
export function peerLoader(nodeModules) {
  if (!nodeModules) throw new Error('--node-modules is required');
  const req = createRequire(join(nodeModules, '..', 'package.json'));
  return {
    version(name) { return req(`${name}/package.json`).version; },
    require(name) { return req(name); },
    async import(name) { return import(pathToFileURL(req.resolve(name)).href); },
    resolve(name) { return req.resolve(name); },
  };
}

export const now = () => process.hrtime.bigint();
export const seconds = (t0, t1) => Number(t1 - t0) / 1e9;

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Print the helper's one JSON line and exit 0 (errors are data, not exit codes). */
export function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

/** Run `main`, turning any throw into `{error}` on stdout. */
export async function runHelper(main) {
  try {
    emit(await main());
  } catch (e) {
    emit({ error: String(e && e.stack ? e.stack.split('\n').slice(0, 3).join(' | ') : e) });
  }
}

/** Segment/message counts by plain splitting, to check that a peer did all the work. */
export function expectedHl7Counts(text) {
  let segments = 0, messages = 0;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.length === 0) continue;
    segments++;
    if (line.startsWith('MSH')) messages++;
  }
  return { messages, segments };
}

/** Start offsets (in UTF-16 units) of each message: segments starting with MSH. */
export function messageStarts(text) {
  const starts = [];
  const re = /(^|\r\n|\r|\n)MSH/g;
  let m;
  while ((m = re.exec(text))) starts.push(m.index + m[1].length);
  return starts;
}

/**
 * A FHIR Bundle's entries cut into patient groups, for the FHIR helpers' partial runs: group k
 * runs from the k-th Patient entry to the next one (entries before the first Patient go with the
 * first group), so the first k groups are a bundle of k patients when the bundle lists each
 * patient's resources after it, as ours does. `prefixText(k)` is that bundle re-serialised,
 * `byteEnds[k - 1]` its size in bytes (the whole file's for k = patients), `expected(k)` the
 * resources it holds, counted by resourceType.
 */
export function fhirPatientGroups(bundle, rawBytes) {
  const entries = Array.isArray(bundle?.entry) ? bundle.entry : [];
  const type = (e) => e?.resource?.resourceType;
  const starts = [];
  entries.forEach((e, i) => { if (type(e) === 'Patient') starts.push(i); });
  const cuts = [...starts.slice(1), entries.length];
  const head = Buffer.byteLength(JSON.stringify({ ...bundle, entry: [] }));
  const byteEnds = [];
  let acc = head - 1; // no comma before the first entry
  let next = 0;
  for (const cut of cuts) {
    for (; next < cut; next++) acc += Buffer.byteLength(JSON.stringify(entries[next])) + 1;
    byteEnds.push(acc);
  }
  if (byteEnds.length) byteEnds[byteEnds.length - 1] = rawBytes;
  return {
    patients: starts.length,
    byteEnds,
    prefixText: (k) => JSON.stringify({ ...bundle, entry: entries.slice(0, cuts[k - 1]) }),
    expected(k) {
      const n = { patients: 0, immunizations: 0, relatedPersons: 0, coverages: 0 };
      for (const e of entries.slice(0, cuts[k - 1])) {
        switch (type(e)) {
          case 'Patient': n.patients++; break;
          case 'Immunization': n.immunizations++; break;
          case 'RelatedPerson': n.relatedPersons++; break;
          case 'Coverage': n.coverages++; break;
          default: break;
        }
      }
      return n;
    },
  };
}
