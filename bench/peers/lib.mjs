// Shared bits for the Node peer helpers (hl7_node.mjs, shc_node.mjs, pdf_node.mjs).
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
