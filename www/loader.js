// Loads the WebAssembly app and mounts it. Kept out of index.html so the
// Content-Security-Policy can forbid inline script entirely.

// Kiosk mode (the same flag rule as web/app/src/kiosk.rs: ?kiosk, ?kiosk=1, ?kiosk=yes, but not
// ?kiosk=0|false|no): the page may not reach any other origin. A second policy can only
// narrow the served one, and it is in place before the app module is even imported.
const kiosk = location.search.replace(/^\?+/, '').split('&').some((pair) => {
  const [name, value = ''] = pair.split(/=(.*)/s);
  return name === 'kiosk' && !['0', 'false', 'no'].includes(value);
});
if (kiosk) {
  const policy = document.createElement('meta');
  policy.httpEquiv = 'Content-Security-Policy';
  policy.content = "connect-src 'self'";
  document.head.append(policy);
}

const root = document.getElementById('app');

// QR reading, PDF reading, PDF making and the desk (the screens after the record is read) are separate
// modules, imported the first time they are needed, so the first screen does not wait for them.
// The app calls them through globalThis.
const modules = new Map();
async function lazyModule(name, unavailable) {
  if (!modules.has(name)) {
    modules.set(name, import(`./${name}.js`).then(async (module) => {
      await module.default({ module_or_path: new URL(`${name}_bg.wasm`, import.meta.url) });
      return module;
    }));
  }
  return modules.get(name).catch((error) => {
    modules.delete(name); // try again next time
    throw new Error(unavailable, { cause: error });
  });
}
const QR_UNAVAILABLE = 'The QR reader could not be loaded (is this device offline?). Paste the card\'s text instead.';
// A picture's bytes; a camera frame as 8-bit luma. Rejects with a string when no code is read.
globalThis.recdeskReadQr = async (bytes) => (await lazyModule('recdesk_web_qr', QR_UNAVAILABLE)).decode_image(bytes);
globalThis.recdeskReadQrFrame = async (width, height, luma) =>
  (await lazyModule('recdesk_web_qr', QR_UNAVAILABLE)).decode_luma(width, height, luma);
// A PDF's bytes → [payloads, notes, places] (arrays of strings). Rejects with a sentence when
// the PDF holds no card, needs a password or is damaged.
globalThis.recdeskReadPdf = async (bytes) =>
  (await lazyModule('recdesk_web_pdf_reader', 'The PDF reader could not be loaded (is this device offline?). Scan the card\'s QR code with the camera instead.'))
    .read_pdf(bytes);
// The report as JSON → the PDF's bytes.
globalThis.recdeskRenderPdf = async (reportJson, paper) =>
  (await lazyModule('recdesk_web_pdf', 'The PDF maker could not be loaded (is this device offline?). Use Print instead.'))
    .render_pdf(reportJson, paper);

// The record readers and the card trust store. The first screen sends what was entered (bytes)
// and gets intake's answer back as bytes; the directory and any key files go here too.
const READER_UNAVAILABLE =
  'The record reader could not be loaded (is this device offline?). What was entered is kept: edit it or open it again to try again, or reload Record Desk while connected.';
const reader = () => lazyModule('recdesk_web_reader', READER_UNAVAILABLE);
globalThis.recdeskRead = async (bytes, now) => (await reader()).read(bytes, now);
globalThis.recdeskReadQrTexts = async (texts, now) => (await reader()).read_qr_texts(texts, now);
// A SMART Health Link or FHIR address, fetched and decrypted in the reader module.
globalThis.recdeskOpenLink = async (text, passcode) => (await reader()).open_link(text, passcode);
globalThis.recdeskReadPdfFound = async (payloads, notes, places, now) =>
  (await reader()).read_pdf_found(payloads, notes, places, now);
globalThis.recdeskLoadDirectory = async (json) => (await reader()).load_directory(json);
// The kiosk's words in a language: { language, draft, catalogue, texts }, or a rejection with a sentence.
globalThis.recdeskLoadWords = async (code, draftsAllowed) => (await reader()).load_words(code, draftsAllowed);
// A language's catalogue as text (for the desk's patient's copy), or a rejection with a sentence.
globalThis.recdeskFetchCatalogue = async (code) => (await reader()).fetch_catalogue(code);
globalThis.recdeskAddIssuerKeys = async (issuer, jwks) => (await reader()).add_issuer_keys(issuer, jwks);
// Only a loaded reader can hold keys to forget.
globalThis.recdeskForgetUserKeys = async () => { if (modules.has('recdesk_web_reader')) (await reader()).forget_user_keys(); };

// The verification, review and report screens, on the record the first module hands over
// (bytes; null when no record was found). Resolves to a handle whose close() unmounts them.
const DESK_UNAVAILABLE =
  'The verification questions could not be loaded (is this device offline?). Try again; if it keeps failing, reload Record Desk while connected.';
globalThis.recdeskOpenDesk = async (root, handOver, onLeave, settings, words) =>
  (await lazyModule('recdesk_web_desk', DESK_UNAVAILABLE)).open_desk(root, handOver, onLeave, settings, words);

try {
  const { default: init, start, warm_up: warmUp } = await import('./recdesk_web.js');
  await init({ module_or_path: new URL('recdesk_web_bg.wasm', import.meta.url) });
  root.replaceChildren();
  start(root);
  registerServiceWorker();
  prefetchLater(warmUp);
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

// The service worker (sw.js) keeps the app's own files so it opens with no network. It is
// registered once the page has loaded, so it never competes with the first screen, and only
// where browsers allow one (a secure origin; 127.0.0.1 and localhost count).
function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  const register = () => navigator.serviceWorker.register(new URL('sw.js', import.meta.url)).catch((error) => {
    // The app works without it, only not offline.
    console.info('Record Desk will not be available offline:', error);
  });
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

// Every request is read and goes on to the desk, so those modules are fetched as soon as the
// first screen is up and the browser is idle, and the reading path is run on made-up records
// (`warmUp`, which loads the reader): by the time staff paste a record it is compiled and
// optimised. A failure here is quiet; using them tries again and says why.
function prefetchLater(warmUp) {
  const fetchLater = () => {
    // The mark lets tests and the benchmark wait until this background work is over.
    warmUp().catch(() => {}).finally(() => performance.mark('recdesk:warmed-up'));
    lazyModule('recdesk_web_desk', DESK_UNAVAILABLE).catch(() => {});
  };
  const whenIdle = () => ('requestIdleCallback' in window ? requestIdleCallback(fetchLater, { timeout: 1000 }) : setTimeout(fetchLater, 100));
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
}
