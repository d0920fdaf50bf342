// Time SMART Health Card decode + verify with jose + pako; print one JSON line.
//
//   node shc_node.mjs --node-modules <peers>/node/node_modules --qr shc-qr-numeric.txt \
//       --jwks shc-issuer.jwks [--runs 5] [--iterations 200] [--import-key-each-time]
//
// One card = numeric QR -> compact JWS (each pair of digits + 45 -> one character), split on '.',
// header JSON from base64url, payload base64url-decoded, pako.inflateRaw, JSON.parse, the JWKS key
// whose kid matches the header, and jose.compactVerify (ES256). The verified payload must be the
// bytes that were inflated, and verification must succeed or the helper reports an error.
//
// Default: the key is imported once (jose.importJWK) before the loop. With --import-key-each-time
// the kid lookup in the (already parsed) JWKS and importJWK run inside the loop for every card.
// Each run does --iterations cards back to back; the reported seconds are per card.
// Files are read (and the JWKS JSON-parsed) before timing.

import { readFileSync } from 'node:fs';
import { parseArgs, peerLoader, now, seconds, median, runHelper } from './lib.mjs';

await runHelper(async () => {
  const args = parseArgs(process.argv.slice(2));
  const runs = Number(args.runs ?? 5);
  const iterations = Number(args.iterations ?? 200);
  const importEach = Boolean(args['import-key-each-time']);
  const peers = peerLoader(args['node-modules']);
  const jose = await peers.import('jose');
  const pako = peers.require('pako');
  const versions = { jose: peers.version('jose'), pako: peers.version('pako') };

  const qrBytes = readFileSync(args.qr);
  const qr = qrBytes.toString('utf8').trim();
  const jwks = JSON.parse(readFileSync(args.jwks, 'utf8'));

  function numericToJws(s) {
    if (!s.startsWith('shc:/')) throw new Error('not a shc:/ QR string');
    const digits = s.slice(5);
    if (digits.includes('/')) throw new Error('chunked shc:/N/M/ QR codes are not handled here');
    if (digits.length % 2 !== 0) throw new Error('odd number of digits');
    const codes = new Array(digits.length / 2);
    for (let i = 0, j = 0; i < digits.length; i += 2, j++) {
      const d1 = digits.charCodeAt(i) - 48, d2 = digits.charCodeAt(i + 1) - 48;
      if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) throw new Error('non-digit in QR data');
      const v = d1 * 10 + d2;
      if (v > 77) throw new Error('digit pair above 77');
      codes[j] = v + 45;
    }
    return String.fromCharCode(...codes);
  }

  const findJwk = (kid) => {
    const jwk = jwks.keys.find((k) => k.kid === kid);
    if (!jwk) throw new Error(`no key with kid ${kid} in the JWKS`);
    return jwk;
  };

  async function decodeVerify(keyOrNull) {
    const jws = numericToJws(qr);
    const parts = jws.split('.');
    if (parts.length !== 3) throw new Error('JWS does not have three parts');
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    if (header.zip !== 'DEF') throw new Error(`unexpected zip ${header.zip}`);
    const compressed = Buffer.from(parts[1], 'base64url');
    const card = JSON.parse(pako.inflateRaw(compressed, { toText: true }));
    const key = keyOrNull ?? (await jose.importJWK(findJwk(header.kid), 'ES256'));
    const { payload, protectedHeader } = await jose.compactVerify(jws, key, { algorithms: ['ES256'] });
    if (protectedHeader.kid !== header.kid || payload.length !== compressed.length) {
      throw new Error('verified payload differs from the decoded one');
    }
    return card;
  }

  // Key import once, outside the loop (unless --import-key-each-time).
  const header0 = JSON.parse(Buffer.from(numericToJws(qr).split('.')[0], 'base64url').toString('utf8'));
  const ti0 = now();
  const key = await jose.importJWK(findJwk(header0.kid), 'ES256');
  const importOnceSeconds = seconds(ti0, now());

  const loop = async () => {
    let card;
    for (let i = 0; i < iterations; i++) card = await decodeVerify(importEach ? null : key);
    return card;
  };

  const card = await loop(); // warm-up (also proves verification succeeds)
  const all = [];
  for (let r = 0; r < runs; r++) {
    const t0 = now();
    await loop();
    all.push(seconds(t0, now()) / iterations);
  }
  const entries = card?.vc?.credentialSubject?.fhirBundle?.entry?.length ?? 0;
  return {
    peer: `jose ${versions.jose} + pako ${versions.pako}`,
    operation: importEach ? 'shc_decode_verify_with_key_import' : 'shc_decode_verify',
    bytes: qrBytes.length,
    verified: true,
    issuer: card.iss,
    fhir_entries: entries,
    iterations_per_run: iterations,
    runs,
    median_seconds: median(all),
    all_seconds: all,
    key_import_once_seconds: importEach ? undefined : importOnceSeconds,
    settings: {
      per_card: importEach
        ? 'numeric->JWS, split, base64url, pako.inflateRaw, JSON.parse, kid lookup + jose.importJWK, jose.compactVerify'
        : 'numeric->JWS, split, base64url, pako.inflateRaw, JSON.parse, jose.compactVerify (key imported once before the loop)',
      seconds: 'per card (run time / iterations_per_run)',
    },
  };
});
