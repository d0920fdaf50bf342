// Loads the WebAssembly app and mounts it. Kept out of index.html so the
// Content-Security-Policy can forbid inline script entirely.
import init, { start } from './recdesk_web.js';

const root = document.getElementById('app');

try {
  await init({ module_or_path: new URL('recdesk_web_bg.wasm', import.meta.url) });
  root.replaceChildren();
  start(root);
} catch (error) {
  const message = document.createElement('p');
  message.className = 'problem';
  message.setAttribute('role', 'alert');
  message.textContent =
    'Record Desk could not start in this browser. Use a current version of Chrome, Edge, Firefox or Safari, ' +
    'or ask whoever installed it to check that the file recdesk_web_bg.wasm is served as application/wasm.';
  root.replaceChildren(message);
  console.error('Record Desk failed to start:', error);
}
