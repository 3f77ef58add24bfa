// Keeps a loaded search page answering without the network (docs/search.md,
// "Offline"). Once the reader has seen a first result, and the browser is
// idle, the page copies its language's whole index into a same-origin cache:
// every index and filter chunk and every clause's fragment (its title,
// passage and links), so any later query finds and shows its results
// offline. A service worker scoped to this search page alone
// (search-sw.js) answers Pagefind's requests from that cache. Pagefind
// itself (its script, WebAssembly and metadata) is already in memory by
// then. The copy stops at a size limit: above it the page says that search
// needs the connection, and nothing is kept.

// Chunk and fragment requests in flight at once while copying.
const PARALLEL = 4;
// Cache names: one per language index, named by its hash, so a rebuilt
// index gets a new cache and the old one is deleted.
const CACHE_PREFIX = "concord-search-";

// keepOffline copies the index of the page's language under bundle into
// the cache, then registers the service worker at workerURL for scope. It
// resolves to { state, bytes }: "ready" (bytes copied, or already there),
// "too-large" (more than limit bytes; bytes is how far it got), or
// "unsupported" (no service worker or cache in this browser).
export async function keepOffline({ bundle, language, workerURL, scope, limit }) {
  if (!("serviceWorker" in navigator) || !("caches" in self)) {
    return { state: "unsupported", bytes: 0 };
  }
  const entry = await (await fetch(bundle + "pagefind-entry.json")).json();
  const index = pickIndex(entry.languages, language);
  const memo = "concord-search-offline:" + index.hash;
  const known = Number(localStorage.getItem(memo));
  if (known > limit) {
    return { state: "too-large", bytes: known };
  }
  const meta = readMeta(await gunzip(await fetchBytes(bundle + "pagefind." + index.hash + ".pf_meta")));
  const name = CACHE_PREFIX + index.hash;
  const langPrefix = index.hash.slice(0, index.hash.lastIndexOf("_") + 1);
  for (const old of await caches.keys()) {
    if (old.startsWith(CACHE_PREFIX + langPrefix) && old !== name) await caches.delete(old);
  }
  const cache = await caches.open(name);
  const urls = [
    ...meta.chunks.map((h) => bundle + "index/" + h + ".pf_index"),
    ...meta.filters.map((h) => bundle + "filter/" + h + ".pf_filter"),
    ...meta.fragments.map((h) => bundle + "fragment/" + h + ".pf_fragment"),
  ];
  let bytes = 0;
  let over = false;
  const queue = [...urls];
  const copy = async () => {
    while (!over && queue.length > 0) {
      const url = queue.shift();
      const kept = await cache.match(url);
      const body = kept ? await kept.arrayBuffer() : await fetchBytes(url);
      bytes += body.byteLength;
      if (bytes > limit) {
        over = true;
        return;
      }
      if (!kept) await cache.put(url, new Response(body, { headers: { "Content-Type": "application/octet-stream" } }));
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, copy));
  if (over) {
    await caches.delete(name);
    localStorage.setItem(memo, String(bytes));
    return { state: "too-large", bytes };
  }
  // Registered once the copy is complete, so a site too large to keep
  // has no worker at all.
  await navigator.serviceWorker.register(workerURL, { scope });
  await navigator.serviceWorker.ready;
  // The worker claims the page when it activates; until then the page's
  // requests go to the network, so "ready" waits for it.
  if (!navigator.serviceWorker.controller) {
    await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
  }
  return { state: "ready", bytes };
}

// pickIndex chooses the index Pagefind searches for this language: the
// language itself, then its base language, then the largest index.
function pickIndex(languages, language) {
  return (
    languages[language] ??
    languages[language.split("-")[0]] ??
    Object.values(languages).sort((a, b) => b.page_count - a.page_count)[0]
  );
}

async function fetchBytes(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(url + ": " + res.status);
  return res.arrayBuffer();
}

// Pagefind's files are gzip with a signature inside; a host that already
// decompressed one sends the signature first.
const SIGNATURE = new TextEncoder().encode("pagefind_dcd");

async function gunzip(buf) {
  let bytes = new Uint8Array(buf);
  if (!startsWith(bytes, SIGNATURE)) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  }
  if (!startsWith(bytes, SIGNATURE)) throw new Error("not a Pagefind file");
  return bytes.subarray(SIGNATURE.length);
}

function startsWith(bytes, prefix) {
  return prefix.every((b, i) => bytes[i] === b);
}

// readMeta reads the index's metadata, CBOR as Pagefind 1.6 writes it:
// [version, pages [[hash, words, fragment group]…], index chunks [[from,
// to, hash]…], filters [[name, hash]…], sorts, meta fields]. A page whose
// fragment group is set is shown from the group's file.
export function readMeta(bytes) {
  const [, pages, chunks, filters] = decodeCBOR(bytes);
  return {
    fragments: [...new Set(pages.map(([hash, , group]) => group || hash))],
    chunks: chunks.map((c) => c[2]),
    filters: filters.map((f) => f[1]),
  };
}

// decodeCBOR decodes the definite-length CBOR subset Pagefind writes
// (integers, strings, arrays, maps, simple values).
export function decodeCBOR(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder();
  let at = 0;
  const length = (info) => {
    if (info < 24) return info;
    const size = 1 << (info - 24);
    let n;
    if (size === 1) n = view.getUint8(at);
    else if (size === 2) n = view.getUint16(at);
    else if (size === 4) n = view.getUint32(at);
    else if (size === 8) n = Number(view.getBigUint64(at));
    else throw new Error("CBOR: indefinite or reserved length at " + at);
    at += size;
    return n;
  };
  const item = () => {
    const first = view.getUint8(at++);
    const major = first >> 5;
    const info = first & 31;
    if (major === 7) {
      if (info === 20) return false;
      if (info === 21) return true;
      if (info === 22 || info === 23) return null;
      if (info === 25) return (at += 2), null; // half floats: not used by Pagefind's lists
      if (info === 26) return (at += 4), view.getFloat32(at - 4);
      if (info === 27) return (at += 8), view.getFloat64(at - 8);
      return info;
    }
    const n = length(info);
    switch (major) {
      case 0:
        return n;
      case 1:
        return -1 - n;
      case 2:
        at += n;
        return bytes.subarray(at - n, at);
      case 3:
        at += n;
        return text.decode(bytes.subarray(at - n, at));
      case 4:
        return Array.from({ length: n }, item);
      case 5: {
        const map = {};
        for (let i = 0; i < n; i++) map[item()] = item();
        return map;
      }
      default: // tags: the tagged item itself
        return item();
    }
  };
  return item();
}
