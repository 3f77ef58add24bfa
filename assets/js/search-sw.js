// The search pages' service worker (docs/search.md, "Offline"). Each
// language's search page registers it with that page alone as its scope,
// so no other page of the site goes through it. It answers the page's
// requests for Pagefind's index chunks, filter chunks and fragments from
// the cache search-offline.js fills, and everything else from the network:
// those files are named by their content, so a copy never goes stale.
self.addEventListener("install", () => self.skipWaiting());
// The page that registered the worker is searching already: claim it, so
// its next query is answered from the cache without a reload.
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));
self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !/\.pf_(index|filter|fragment)$/.test(new URL(request.url).pathname)) return;
  event.respondWith(caches.match(request).then((kept) => kept ?? fetch(request)));
});
