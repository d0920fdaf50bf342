#!/usr/bin/env node
// Where the time of a paste goes: a CPU profile of one paste in headless Chromium, summed by
// function (self time), for finding what stands between the paste and its budget.
//
//   node bench/profile-paste.mjs --url http://127.0.0.1:8123/ [--input FILE] [--top 40]
//
// Needs a running server (`cargo xtask serve --port 8123`), Debian's /usr/bin/chromium
// (RECDESK_CHROMIUM overrides it) and playwright-core from node_modules. --input defaults to the
// 1,000-dose record that `cargo xtask bench` writes (target/bench/inputs/hl7-1000-doses.hl7); any
// record the app reads will do. It sets `#intake-text`, dispatches `input`, and stops the
// profiler when `#reading-headline` names the reading, then the next frame. It prints the time
// to the DOM and to that frame, then the --top functions by self time (milliseconds), each with
// its script file. The release build's wasm functions show as wasm-function[N] (wasm-opt strips
// their names); the JavaScript glue, layout and garbage collection show by name.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CHROMIUM_FLAGS } from '../tests/e2e/browser.mjs';

const { values: options } = parseArgs({
  options: {
    url: { type: 'string' },
    input: { type: 'string', default: 'target/bench/inputs/hl7-1000-doses.hl7' },
    top: { type: 'string', default: '40' },
  },
});
if (!options.url) {
  console.error('usage: node bench/profile-paste.mjs --url URL [--input FILE] [--top N]');
  process.exit(2);
}
const text = readFileSync(options.input, 'utf8');

const browser = await chromium.launch({ executablePath: process.env.RECDESK_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  await page.goto(options.url);
  await page.waitForSelector('#intake-text');
  // The reader module is fetched after the first screen: let that finish so it is not profiled.
  await page.waitForLoadState('networkidle');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const timing = await page.evaluate((text) => new Promise((resolve) => {
    const area = document.getElementById('intake-text');
    const observer = new MutationObserver(() => {
      // The headline names what was read once the reader has answered (e.g. "HL7 v2: 1 message…").
      if (!/\d+ immunizations?|no patient|could not/i.test(document.getElementById('reading-headline')?.textContent ?? '')) return;
      observer.disconnect();
      const dom = performance.now() - start;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ dom, frame: performance.now() - start });
        channel.port2.postMessage(null);
      });
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    const start = performance.now();
    area.value = text;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }), text);
  const { profile } = await cdp.send('Profiler.stop');
  console.log(`paste to DOM ${Math.round(timing.dom)} ms, to the next frame ${Math.round(timing.frame)} ms`);

  const selfTime = new Map();
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  let total = 0;
  profile.samples.forEach((id, i) => {
    const { functionName, url } = nodes.get(id).callFrame;
    const name = `${functionName || '(anonymous)'} ${url.split('/').pop()}`;
    const ms = profile.timeDeltas[i] / 1000;
    selfTime.set(name, (selfTime.get(name) ?? 0) + ms);
    total += ms;
  });
  console.log(`profiled ${Math.round(total)} ms; by self time:`);
  [...selfTime].sort((a, b) => b[1] - a[1]).slice(0, Number(options.top))
    .forEach(([name, ms]) => console.log(ms.toFixed(1).padStart(7), name.slice(0, 150)));
} finally {
  await browser.close();
}
