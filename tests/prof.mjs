import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
const text = readFileSync('target/bench/inputs/hl7-1000-doses.hl7', 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
await page.goto('http://127.0.0.1:8094/');
await page.waitForSelector('#intake-text');
await page.waitForLoadState('networkidle');
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
await cdp.send('Profiler.start');
const t = await page.evaluate((text) => new Promise((resolve) => {
  const area = document.getElementById('intake-text');
  const obs = new MutationObserver(() => {
    if (/1,?000 immunizations/.test(document.getElementById('reading-headline')?.textContent ?? '')) {
      obs.disconnect(); const dom = performance.now() - start;
      requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => resolve(`dom ${Math.round(dom)} frame ${Math.round(performance.now() - start)}`); ch.port2.postMessage(null); });
    }
  });
  obs.observe(document.body, { childList: true, subtree: true, characterData: true });
  const start = performance.now();
  area.value = text;
  area.dispatchEvent(new Event('input', { bubbles: true }));
}), text);
const { profile } = await cdp.send('Profiler.stop');
console.log(t);
const self = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas; let total = 0;
profile.samples.forEach((id, i) => { const n = byId.get(id); const name = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`; self.set(name, (self.get(name) ?? 0) + dt[i] / 1000); total += dt[i] / 1000; });
console.log('total ms', Math.round(total));
[...self].sort((a, b) => b[1] - a[1]).slice(0, 40).forEach(([k, v]) => console.log(v.toFixed(1).padStart(7), k.slice(0, 150)));
await browser.close();
