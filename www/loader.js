// Loads the WebAssembly app and mounts it. Kept out of index.html so the
// Content-Security-Policy can forbid inline script entirely.
import init, { start } from './recdesk_web.js';

const root = document.getElementById('app');

// QR reading is a separate module (about 190 KB), imported the first time a picture is
// opened, so the first screen does not wait for it. The app calls this through globalThis.
let qrModule;
globalThis.recdeskReadQr = async (bytes) => {
  if (!qrModule) {
    qrModule = import('./recdesk_web_qr.js').then(async (qr) => {
      await qr.default({ module_or_path: new URL('recdesk_web_qr_bg.wasm', import.meta.url) });
      return qr;
    });
  }
  const qr = await qrModule.catch((error) => {
    qrModule = undefined;
    throw new Error('The QR reader could not be loaded (is this device offline?). Paste the card\'s text instead.', { cause: error });
  });
  return qr.decode_image(bytes);
};

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
