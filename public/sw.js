// Waymark's service worker: every file of this build is cached when it installs,
// and served from the cache first, so the app starts and works with no network.
// The build's post-build hook (scripts/post-build.mjs) fills in the version and the
// file list. A new build waits until the page says the user chose to reload.
const VERSION = '__VERSION__';
const CACHE = `waymark-${VERSION}`;
const PRECACHE = "__PRECACHE__";

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('waymark-') && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Any page address (?page=kpis…) is the one app page.
    const index = new URL('./index.html', self.registration.scope).href;
    event.respondWith(caches.open(CACHE).then((c) => c.match(index)).then((hit) => hit || fetch(request)));
    return;
  }
  event.respondWith(caches.open(CACHE).then((c) => c.match(request)).then((hit) => hit || fetch(request)));
});
