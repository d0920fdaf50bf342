#!/usr/bin/env node
// Time "peers" (what people would otherwise use) on the same input files as our Rust benchmarks.
//
//   node bench/peers/run.mjs --inputs DIR --peers DIR --out FILE [--runs N]
//        [--budget-seconds S] [--iterations N] [--only SUBSTR[,SUBSTR]] [--python python3]
//
// Installs the pinned peers below into the --peers folder (never the project's node_modules),
// then runs each peer in its own child process on the files in --inputs and writes --out as JSON.
// A peer that fails becomes an entry with "error"; the exit code is non-zero only when
// installation fails or the arguments are wrong. See README.md beside this file.

// ---------------------------------------------------------------------------------------------
// Pinned peers: the only place versions are chosen.
// ---------------------------------------------------------------------------------------------
const PINS = [
  // registry, package,       version,   what it is used for
  { registry: 'npm', name: 'hl7-standard', version: '1.0.4', use: 'HL7 v2 batch parse (npm)' },
  { registry: 'npm', name: 'jose', version: '6.2.19', use: 'SHC: JWS ES256 verify (compactVerify, importJWK)' },
  { registry: 'npm', name: 'pako', version: '3.0.3', use: 'SHC: raw DEFLATE inflate (inflateRaw)' },
  { registry: 'npm', name: 'jspdf', version: '4.2.1', use: 'PDF table (core API, no plugins)' },
  { registry: 'pypi', name: 'hl7', version: '0.4.5', use: 'HL7 v2 parse: python-hl7 (hl7.parse_batch)' },
  { registry: 'pypi', name: 'hl7apy', version: '1.3.5', use: 'HL7 v2 parse: hl7apy (parser.parse_message)' },
  // The last release whose models are FHIR R4 (4.0.1); 6.5.0 on are R4B/R5 (README.md, "Which fhir.resources").
  { registry: 'pypi', name: 'fhir.resources', version: '6.4.0', use: 'FHIR R4 parse: fhir.resources (Bundle.parse_raw, R4 4.0.1 models)' },
  // fhir.resources 6.4.0 asks for pydantic>=1.7.2 with no upper bound, but imports pydantic 1 APIs: pinned here.
  { registry: 'pypi', name: 'pydantic', version: '1.10.27', use: 'for fhir.resources 6.4.0 (pydantic 1; 2.x cannot import it)' },
];
// ---------------------------------------------------------------------------------------------

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem, release, platform, arch } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './lib.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const pin = (name) => PINS.find((p) => p.name === name);
const label = (name, shown = name) => `${shown} ${pin(name).version}`;
const log = (...a) => process.stderr.write(`[peers] ${a.join(' ')}\n`);

function usage(msg) {
  if (msg) process.stderr.write(`error: ${msg}\n`);
  process.stderr.write('usage: node bench/peers/run.mjs --inputs DIR --peers DIR --out FILE [--runs N] '
    + '[--budget-seconds S] [--iterations N] [--only SUBSTR[,SUBSTR]] [--python python3]\n');
  process.exit(2);
}

let args;
try { args = parseArgs(process.argv.slice(2)); } catch (e) { usage(e.message); }
if (args.help) usage();
for (const k of ['inputs', 'peers', 'out']) if (typeof args[k] !== 'string') usage(`--${k} is required`);
const INPUTS = resolve(args.inputs);
const PEERS = resolve(args.peers);
const OUT = resolve(args.out);
const RUNS = Number(args.runs ?? 5);
const BUDGET = Number(args['budget-seconds'] ?? 240);
const ITERATIONS = Number(args.iterations ?? 200);
const PYTHON = typeof args.python === 'string' ? args.python : 'python3';
const ONLY = typeof args.only === 'string' ? args.only.split(',').filter(Boolean) : null;
if (!Number.isInteger(RUNS) || RUNS < 1) usage('--runs must be a positive integer');
if (!Number.isFinite(BUDGET) || BUDGET < 0) usage('--budget-seconds must be >= 0 (0 = no limit)');
if (!Number.isInteger(ITERATIONS) || ITERATIONS < 1) usage('--iterations must be a positive integer');

const NODE_DIR = join(PEERS, 'node');
const NODE_MODULES = join(NODE_DIR, 'node_modules');
const PY_DIR = join(PEERS, 'python');

// ---------------------------------------------------------------------------------------------
// Installation (into PEERS only)
// ---------------------------------------------------------------------------------------------

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

function installedNpmVersion(name) {
  try { return JSON.parse(readFileSync(join(NODE_MODULES, name, 'package.json'), 'utf8')).version; } catch { return null; }
}

function installedPyVersion(name) {
  // pip --target leaves <name>-<version>.dist-info, the name normalised with _ for - (and, from
  // newer wheels, for . too: fhir_resources; older ones keep fhir.resources).
  const version = pin(name).version;
  const names = new Set([name.replace(/-/g, '_'), name.toLowerCase().replace(/[-_.]+/g, '_')]);
  return [...names].some((n) => existsSync(join(PY_DIR, `${n}-${version}.dist-info`))) ? version : null;
}

function install() {
  const npmPins = PINS.filter((p) => p.registry === 'npm');
  const pyPins = PINS.filter((p) => p.registry === 'pypi');

  const npmMissing = npmPins.filter((p) => installedNpmVersion(p.name) !== p.version);
  if (npmMissing.length) {
    log(`npm install into ${NODE_DIR}: ${npmMissing.map((p) => `${p.name}@${p.version}`).join(' ')}`);
    mkdirSync(NODE_DIR, { recursive: true });
    const pkg = join(NODE_DIR, 'package.json');
    if (!existsSync(pkg)) writeFileSync(pkg, JSON.stringify({ name: 'recdesk-bench-peers', private: true }, null, 2) + '\n');
    const r = run('npm', ['install', '--prefix', NODE_DIR, '--no-audit', '--no-fund', '--save-exact',
      ...npmPins.map((p) => `${p.name}@${p.version}`)], { stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.code !== 0) throw new Error(`npm install failed (exit ${r.code}): ${(r.stderr || String(r.error)).slice(-2000)}`);
    const still = npmPins.filter((p) => installedNpmVersion(p.name) !== p.version);
    if (still.length) throw new Error(`npm install left wrong versions: ${still.map((p) => `${p.name}=${installedNpmVersion(p.name)}`).join(', ')}`);
  } else log(`npm peers already installed in ${NODE_DIR}`);

  const pyMissing = pyPins.filter((p) => installedPyVersion(p.name) !== p.version);
  if (pyMissing.length) {
    log(`pip install --target ${PY_DIR}: ${pyPins.map((p) => `${p.name}==${p.version}`).join(' ')}`);
    mkdirSync(PY_DIR, { recursive: true });
    // --upgrade so pip replaces what is in the target folder at another version.
    const r = run(PYTHON, ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--upgrade',
      '--target', PY_DIR, ...pyPins.map((p) => `${p.name}==${p.version}`)],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' } });
    if (r.code !== 0) throw new Error(`pip install failed (exit ${r.code}): ${(r.stderr || String(r.error)).slice(-2000)}`);
    const still = pyPins.filter((p) => installedPyVersion(p.name) !== p.version);
    if (still.length) throw new Error(`pip install left wrong versions: ${still.map((p) => p.name).join(', ')}`);
  } else log(`Python peers already installed in ${PY_DIR}`);
}

// ---------------------------------------------------------------------------------------------
// Jobs: one per peer x operation x input
// ---------------------------------------------------------------------------------------------

const py = (peer, input) => ({
  cmd: PYTHON,
  argv: [join(HERE, 'hl7_python.py'), '--peer', peer, '--input', join(INPUTS, input),
    '--runs', String(RUNS), '--budget-seconds', String(BUDGET)],
  env: { PYTHONPATH: PY_DIR, PYTHONNOUSERSITE: '1' },
});
// The FHIR helper runs with -S: only <peers>/python and the standard library are importable, so
// fhir.resources cannot pick up an orjson or simplejson from the machine's own site-packages.
const fhirPy = (peer, input) => ({
  cmd: PYTHON,
  argv: ['-S', join(HERE, 'fhir_python.py'), '--peer', peer, '--input', join(INPUTS, input),
    '--runs', String(RUNS), '--budget-seconds', String(BUDGET)],
  env: { PYTHONPATH: PY_DIR, PYTHONNOUSERSITE: '1' },
});
const nodeHelper = (script, ...rest) => ({
  cmd: process.execPath,
  // hl7-standard keeps the whole parsed 80 MB batch as JS objects (~3.5 GB): room above the default heap.
  argv: ['--max-old-space-size=8192', join(HERE, script), '--node-modules', NODE_MODULES, '--runs', String(RUNS), ...rest],
  env: {},
});

const JOBS = [];
for (const input of ['hl7-batch.hl7', 'hl7-one.hl7']) {
  JOBS.push({ peer: label('hl7', 'python-hl7'), operation: 'hl7_parse', input, files: [input], ...py('python-hl7', input) });
  JOBS.push({ peer: label('hl7apy'), operation: 'hl7_parse', input, files: [input], ...py('hl7apy', input) });
  JOBS.push({
    peer: label('hl7-standard'), operation: 'hl7_parse', input, files: [input],
    ...nodeHelper('hl7_node.mjs', '--input', join(INPUTS, input), '--budget-seconds', String(BUDGET)),
  });
}
const shcPeer = `jose ${pin('jose').version} + pako ${pin('pako').version}`;
const shcArgs = ['--qr', join(INPUTS, 'shc-qr-numeric.txt'), '--jwks', join(INPUTS, 'shc-issuer.jwks'), '--iterations', String(ITERATIONS)];
JOBS.push({ peer: shcPeer, operation: 'shc_decode_verify', input: 'shc-qr-numeric.txt', files: ['shc-qr-numeric.txt', 'shc-issuer.jwks'], ...nodeHelper('shc_node.mjs', ...shcArgs) });
JOBS.push({ peer: shcPeer, operation: 'shc_decode_verify_with_key_import', input: 'shc-qr-numeric.txt', files: ['shc-qr-numeric.txt', 'shc-issuer.jwks'], ...nodeHelper('shc_node.mjs', ...shcArgs, '--import-key-each-time') });
JOBS.push({ peer: label('jspdf'), operation: 'pdf_table', input: 'pdf-300.json', files: ['pdf-300.json'], ...nodeHelper('pdf_node.mjs', '--input', join(INPUTS, 'pdf-300.json')) });
{
  const input = 'fhir-bundle.json';
  const budget = ['--budget-seconds', String(BUDGET)];
  const pyVersion = run(PYTHON, ['-c', 'import platform; print(platform.python_implementation(), platform.python_version())']);
  JOBS.push({ peer: `fhir.resources ${pin('fhir.resources').version} + pydantic ${pin('pydantic').version}`, operation: 'fhir_parse', input, files: [input], ...fhirPy('fhir.resources', input) });
  JOBS.push({ peer: `json (${pyVersion.code === 0 ? pyVersion.stdout.trim() : 'Python'})`, operation: 'fhir_parse', input, files: [input], ...fhirPy('json', input) });
  JOBS.push({ peer: `JSON.parse (Node ${process.version})`, operation: 'fhir_parse', input, files: [input], ...nodeHelper('fhir_node.mjs', '--input', join(INPUTS, input), ...budget) });
}

function runJob(job) {
  const base = { peer: job.peer, operation: job.operation, input: job.input };
  const missing = job.files.filter((f) => !existsSync(join(INPUTS, f)));
  if (missing.length) return { ...base, error: `input file missing: ${missing.map((f) => join(INPUTS, f)).join(', ')}` };
  try { base.bytes = statSync(join(INPUTS, job.input)).size; } catch { /* reported by the helper */ }
  // A hung child is killed; the budget bounds normal runs well below this.
  const timeoutMs = (BUDGET > 0 ? BUDGET * 3 + 600 : 24 * 3600) * 1000;
  const t0 = Date.now();
  const r = run(job.cmd, job.argv, {
    env: { ...process.env, ...job.env },
    timeout: timeoutMs,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const wall = (Date.now() - t0) / 1000;
  const lines = r.stdout.split('\n').filter((l) => l.trim());
  let res = null;
  try { res = lines.length ? JSON.parse(lines[lines.length - 1]) : null; } catch { res = null; }
  if (!res) {
    const why = r.error ? String(r.error) : r.signal ? `killed by ${r.signal}` : `exit ${r.code}, no JSON on stdout`;
    return { ...base, error: `${why}: ${(r.stderr || r.stdout).trim().slice(-1500)}`, helper_wall_seconds: wall };
  }
  // Our label and key order first, then whatever the helper measured.
  const { peer: helperPeer, operation: _op, ...rest } = res;
  const entry = { ...base, ...rest, helper_wall_seconds: wall };
  if (helperPeer && helperPeer !== job.peer) entry.peer_reported = helperPeer;
  if (r.code !== 0 && !entry.error) entry.error = `helper exited ${r.code}: ${r.stderr.trim().slice(-500)}`;
  return entry;
}

// ---------------------------------------------------------------------------------------------

function machine() {
  const v = (cmd, a) => { const r = run(cmd, a); return r.code === 0 ? (r.stdout || r.stderr).trim() : null; };
  const c = cpus();
  let osName = null;
  try { osName = (readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)"?/m) || [])[1] ?? null; } catch { /* not Linux */ }
  return {
    node: process.version,
    npm: v('npm', ['--version']),
    python: v(PYTHON, ['-c', 'import platform,sys; print(platform.python_implementation(), platform.python_version())']),
    os: osName,
    kernel: `${platform()} ${release()} ${arch()}`,
    cpu: c[0]?.model ?? null,
    cpus: c.length,
    memory_gib: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadavg_start: loadavg().map((x) => Math.round(x * 100) / 100),
    started: new Date().toISOString(),
  };
}

let installError = null;
try { install(); } catch (e) { installError = e; }
if (installError) {
  log(`installation failed: ${installError.message}`);
  process.exit(1);
}

const info = machine();
const results = [];
for (const job of JOBS) {
  const id = `${job.peer} ${job.operation} ${job.input}`;
  if (ONLY && !ONLY.some((s) => id.includes(s))) continue;
  log(`${id} ...`);
  const entry = runJob(job);
  log(entry.error
    ? `  error: ${entry.error.slice(0, 300)}`
    : `  median ${entry.median_seconds.toPrecision(4)} s over ${entry.runs} runs${!entry.partial ? ''
      : entry.patients_in_input !== undefined ? ` (partial: ${entry.patients} of ${entry.patients_in_input} patients)`
        : ` (partial: ${entry.messages} of ${entry.messages_in_input} messages)`}${entry.patients !== undefined
      ? `; ${entry.patients} patients, ${entry.immunizations} immunizations` : ''}`);
  results.push(entry);
}
info.loadavg_end = loadavg().map((x) => Math.round(x * 100) / 100);
info.finished = new Date().toISOString();

const out = {
  machine: info,
  settings: { runs: RUNS, budget_seconds: BUDGET, shc_iterations_per_run: ITERATIONS, inputs: INPUTS, peers: PEERS },
  pins: PINS,
  results,
};
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n');
log(`wrote ${OUT} (${results.length} entries, ${results.filter((r) => r.error).length} with errors)`);
