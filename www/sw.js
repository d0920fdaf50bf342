// Record Desk's service worker: lets the app open and work with no network. It keeps only
// the app's own static files. Records never pass through it into storage: everything the
// app fetches from other origins (SMART Health Links, FHIR addresses) carries patient data,
// so this worker leaves those requests alone and caches nothing at run time.

// Filled in by `cargo xtask serve|dist` (xtask/src/site.rs): a hash of this build's files,
// and their names relative to this script.
const VERSION = 'RECDESK_BUILD_VERSION';
const PRECACHE = ['RECDESK_PRECACHE_LIST'];

// Cache Storage is shared by the whole origin: the scope in the name keeps two copies of the
// app on one server (or another app) from deleting each other's caches.
const PREFIX = `recdesk-static ${self.registration.scope} `;
const CACHE = PREFIX + VERSION;
const here = (name) => new URL(name, self.location).href;
const PRECACHED = new Set(PRECACHE.map(here));
const INDEX = here('index.html');
const ROOT_PATH = new URL('./', self.location).pathname;

// The clinic's settings file (no patient data): deployed beside the app after it is built, so not
// in the precache list. Served network-first; the copy last seen is kept apart from the build's
// files (a new build keeps it) so an offline kiosk keeps the clinic's settings.
const SETTINGS = here('settings.json');
const SETTINGS_CACHE = `recdesk-settings ${self.registration.scope}`;

async function freshSettings(request) {
  const cache = await caches.open(SETTINGS_CACHE);
  try {
    const response = await fetch(request, { cache: 'no-cache' });
    if (response.ok) await cache.put(SETTINGS, response.clone());
    // Taken away by the clinic: forget the old copy too.
    else if (response.status === 404) await cache.delete(SETTINGS);
    return response;
  } catch (offline) {
    const kept = await cache.match(SETTINGS);
    if (kept) return kept;
    throw offline;
  }
}

self.addEventListener('install', (event) => {
  // All or nothing (addAll): a failed download fails the install and the browser retries
  // later, instead of going offline with half an app. 'reload' skips the HTTP cache so the
  // files are this build's. The settings file is kept too, if the site has one.
  event.waitUntil(Promise.all([
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((name) => new Request(name, { cache: 'reload' })))),
    freshSettings(new Request(SETTINGS)).catch(() => undefined),
  ]));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // Earlier builds' files are dead weight once this build is in charge.
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    // Take the page that installed us, so it works offline without a reload. (No
    // skipWaiting: an open page keeps the build it started with until it is closed.)
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  // Not calling respondWith lets the browser do what it would do with no worker: POSTs,
  // other origins and anything not precached go to the network, and are not cached.
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const file = url.origin + url.pathname; // without query or fragment
  if (file === SETTINGS) {
    event.respondWith(freshSettings(request));
    return;
  }
  let key;
  if (request.mode === 'navigate' && (url.pathname === ROOT_PATH || file === INDEX)) {
    key = INDEX; // "/", "/?kiosk", "/index.html?kiosk=1": the query is only read by the app.
  } else if (!url.search && PRECACHED.has(file)) {
    key = file;
  } else {
    return;
  }
  // Cache first; the network only if the cache is gone (its answer is not stored).
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(key)).then((cached) => cached ?? fetch(request)));
});
