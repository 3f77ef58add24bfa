// embed.js: partner sites load this from a fixed URL after one or more
// Concord clause quotations (docs/embedding.md). It swaps each quotation for
// a sandboxed frame of the published clause and keeps the frame as tall as
// its content. Budget: under 2 KB minified and gzipped (sitetests check it).
//
// The host page is not ours and may be hostile: nothing read from it becomes
// markup (no innerHTML), identifiers must look like identifiers before they
// become part of a URL, and cookies are never touched. Its markup can also
// shadow what the script reads: <img name="currentScript"> replaces
// document.currentScript, <a id="addEventListener"> the window's method.
// So everything comes from the interfaces' prototypes (the interface objects
// themselves are the global's own properties, which markup cannot shadow).
import * as params from "@params";

// The only message the frames send; embed-frame.js uses the same name.
const HEIGHT = "concord-embed:height";
// Initiative and clause IDs as docs/authoring.md defines them.
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// A version ID (numbers joined by dots): data-version pins the frame to it.
const VERSION = /^\d+(?:\.\d+)*$/;
// The card's themes besides the default, light (embed-frame.js reads them).
const THEMES = ["dark", "auto"];

const D = Document.prototype;
const getter = (proto, key, self) => Object.getOwnPropertyDescriptor(proto, key).get.call(self);
const on = (target, type, fn) => EventTarget.prototype.addEventListener.call(target, type, fn);

// Frames come from the site that served this script, so the same file works
// on the real site and on a test server.
const script = getter(D, "currentScript", document);
const root = new URL(".", script instanceof HTMLScriptElement && script.src ? script.src : params.root);
const frames = new Set();

const isID = (v) => typeof v === "string" && ID.test(v);
const own = (map, key) => typeof key === "string" && Object.prototype.hasOwnProperty.call(map, key);

// A sandboxed frame without allow-same-origin has the origin "null", so the
// origin proves nothing: a message counts only if it comes from the window
// of one of our own frames and has exactly the expected shape.
on(window, "message", (e) => {
  const d = e.data;
  if (!d || typeof d !== "object" || d.type !== HEIGHT) return;
  const h = d.height;
  if (typeof h !== "number" || !(h > 0 && h < 100000)) return;
  for (const f of frames) {
    if (f.contentWindow === e.source) {
      f.style.height = Math.ceil(h) + "px";
      return;
    }
  }
});

function frameFor(quote) {
  const { initiative, clause, lang, theme, version } = quote.dataset;
  if (!isID(initiative) || !isID(clause) || !own(params.paths, lang)) return null;
  // No data-version: follow the latest. A version that is not one is
  // refused, not dropped, so a pinned quote never silently follows.
  if (version !== undefined && !VERSION.test(version)) return null;
  const f = D.createElement.call(document, "iframe");
  f.setAttribute("sandbox", "allow-scripts allow-popups allow-popups-to-escape-sandbox");
  f.setAttribute("loading", "lazy");
  // The host page picks the theme; anything else is the default, light, so
  // the reader's dark OS setting never darkens a card on a light page.
  const hash = THEMES.includes(theme) ? "#theme=" + theme : "";
  f.src = new URL(params.paths[lang] + initiative + "/" + (version ? "v" + version + "/" : "") + clause + "/" + hash, root).href;
  // Screen readers announce the frame by its title: the clause heading and
  // the initiative, as text (textContent and a property, never parsed).
  const parts = [quote.querySelector("strong"), quote.querySelector("a")]
    .map((el) => (el ? el.textContent.trim() : ""))
    .filter(Boolean);
  f.title = parts.length ? parts.join(" · ") : params.names[lang];
  f.className = "concord-clause";
  f.style.display = "block";
  f.style.width = "100%";
  f.style.border = "0";
  // Start at the quotation's height so the page barely moves on the swap.
  f.style.height = (quote.offsetHeight || 150) + "px";
  return f;
}

function swap() {
  for (const quote of D.querySelectorAll.call(document, "blockquote.concord-clause")) {
    const f = frameFor(quote);
    if (!f) continue;
    frames.add(f);
    quote.replaceWith(f);
  }
}

swap();
// An async script can run before the rest of the page is parsed.
if (getter(D, "readyState", document) === "loading") on(document, "DOMContentLoaded", swap);
