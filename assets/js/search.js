// The search page (layouts/home.search.html, docs/search.md): Pagefind's
// JavaScript API behind the page's own form, so the page needs no inline
// script or style and Pagefind's default UI is not loaded. Pagefind is
// imported from the index folder when this page opens; no other page loads
// it. Each result is one clause, linked to its row side by side and in this
// language alone. After the first results, the page keeps its language's
// index for offline use (search-offline.js).

import { keepOffline } from "./search-offline.js";

// Results shown at once, and added by "More results": each needs one
// fragment request, so a query costs the same however many clauses match.
const PAGE_SIZE = 10;
// Typing searches after this pause, so a word is not searched letter by letter.
const TYPING_PAUSE_MS = 250;
// The copy of the index for offline use starts this long after the first
// results are shown, when the browser is idle: never before or during the
// first query, and not while its last fragments may still be arriving.
const OFFLINE_DELAY_MS = 2000;

const form = document.querySelector("[data-search-form]");
if (form) {
  start(form);
}

function start(form) {
  const doc = form.ownerDocument;
  const input = form.elements.namedItem("q");
  const filters = [...form.querySelectorAll("select[data-filter]")];
  const status = doc.getElementById("search-status");
  const list = doc.getElementById("search-results");
  const more = doc.getElementById("search-more");
  const languages = [...form.querySelectorAll("a[data-search-language]")];
  for (const note of doc.querySelectorAll("[data-search-nojs]")) {
    note.remove();
  }

  let pagefind = null;
  const load = () => {
    pagefind ??= import(form.dataset.bundle + "pagefind.js").then(async (pf) => {
      // In the page rather than Pagefind's worker: the page's requests are
      // the ones its service worker answers offline, and the worker's own
      // script is one file less to fetch.
      await pf.options({ excerptLength: 24, noWorker: true });
      return pf;
    });
    return pagefind;
  };

  // A later search wins: results of an earlier one still on the way are dropped.
  let current = 0;
  let pending = [];

  const say = (template, values = {}) => {
    status.textContent = template.replace(/\{(\w)\}/g, (m, k) => values[k] ?? m);
  };

  const keepInAddress = (query) => {
    const url = new URL(form.action, doc.baseURI);
    if (query) url.searchParams.set("q", query);
    for (const f of filters) {
      if (f.value) url.searchParams.set(f.name, f.value);
    }
    history.replaceState(null, "", url);
    // The same query in another language's texts: that language's search page.
    for (const a of languages) {
      const other = new URL(a.href);
      other.search = query ? "?q=" + encodeURIComponent(query) : "";
      a.href = other.href;
    }
  };

  const showMore = async (id) => {
    const batch = pending.splice(0, PAGE_SIZE);
    const data = await Promise.all(batch.map((r) => r.data()));
    if (id !== current) return;
    const first = list.children.length;
    for (const d of data) {
      list.append(result(doc, d, list.dataset.singleLabel));
    }
    more.hidden = pending.length === 0;
    return list.children[first];
  };

  const run = async (query) => {
    const id = ++current;
    query = query.trim();
    keepInAddress(query);
    list.replaceChildren();
    more.hidden = true;
    pending = [];
    if (!query) {
      status.textContent = "";
      return;
    }
    say(status.dataset.loading);
    let found;
    try {
      const pf = await load();
      const chosen = {};
      for (const f of filters) {
        // The version filter's empty choice is the latest text.
        const value = f.value || f.dataset.filterDefault;
        if (value) chosen[f.dataset.filter] = value;
      }
      found = merged(await searchWithAttached(pf, query, doc.documentElement.lang, { filters: chosen }));
    } catch {
      if (id === current) say(status.dataset.failed);
      pagefind = null;
      return;
    }
    if (id !== current || !found) return;
    pending = found.results;
    const n = pending.length;
    try {
      await showMore(id);
    } catch {
      // A result's fragment did not arrive (offline before the index was
      // kept, say): say so rather than "Searching…" for ever.
      if (id === current) say(status.dataset.failed);
      return;
    }
    if (id !== current) return;
    if (n === 0) say(status.dataset.none, { q: query });
    else say(n === 1 ? status.dataset.countOne : status.dataset.countOther, { n: String(n), q: query });
    offline();
  };

  // Once, after the first search: keep the index for offline use, or say
  // why search still needs the connection. The outcome is on the form
  // (data-offline) for the tests.
  let offlineStarted = false;
  const offline = () => {
    if (offlineStarted || !form.dataset.worker) return;
    offlineStarted = true;
    const idle = globalThis.requestIdleCallback ?? ((f) => setTimeout(f, 0));
    setTimeout(() => idle(async () => {
      let outcome;
      try {
        outcome = await keepOffline({
          bundle: new URL(form.dataset.bundle, doc.baseURI).pathname,
          language: (doc.documentElement.lang || "unknown").toLowerCase(),
          workerURL: form.dataset.worker,
          scope: new URL(form.action, doc.baseURI).pathname,
          limit: Number(form.dataset.offlineLimit),
        });
      } catch {
        outcome = { state: "failed", bytes: 0 };
      }
      form.dataset.offline = outcome.state;
      form.dataset.offlineBytes = String(outcome.bytes);
      if (outcome.state === "too-large") doc.getElementById("search-offline").hidden = false;
    }), OFFLINE_DELAY_MS);
  };

  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), TYPING_PAUSE_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run(input.value);
  });
  for (const f of filters) {
    f.addEventListener("change", () => run(input.value));
  }
  more.addEventListener("click", async () => {
    const first = await showMore(current).catch(() => say(status.dataset.failed));
    // Keyboard readers carry on from the first result just added.
    first?.querySelector("a")?.focus();
  });

  const params = new URL(doc.location.href).searchParams;
  for (const f of filters) {
    const v = params.get(f.name);
    if (v && [...f.options].some((o) => o.value === v)) f.value = v;
  }
  const q = params.get("q");
  if (q) {
    input.value = q;
    run(q);
  } else {
    input.focus();
  }
}

// One result: the clause heading (its number included) linking to the
// clause's row side by side, the initiative, the passage with the matched
// words marked, and the clause in this language alone.
function result(doc, data, singleLabel) {
  const meta = data.meta || {};
  const li = doc.createElement("li");
  li.className = "search-result";
  const h = doc.createElement("h2");
  const a = doc.createElement("a");
  a.href = meta.side || data.url;
  a.textContent = meta.title || data.url;
  h.append(a);
  li.append(h);
  if (meta.initiative) {
    const p = doc.createElement("p");
    p.className = "search-result-initiative";
    p.textContent = meta.initiative;
    li.append(p);
  }
  const excerpt = doc.createElement("p");
  excerpt.className = "search-result-excerpt";
  excerpt.append(...marked(doc, data.excerpt || ""));
  li.append(excerpt);
  if (meta.single) {
    const p = doc.createElement("p");
    const single = doc.createElement("a");
    single.href = meta.single;
    single.textContent = singleLabel;
    p.append(single);
    li.append(p);
  }
  return li;
}

// Pagefind's excerpt is HTML with <mark> around the matched words. It is
// parsed in an inert document and only its text and marks are kept, so no
// markup from the index reaches the page.
function marked(doc, html) {
  const parsed = new DOMParser().parseFromString(html, "text/html");
  const out = [];
  for (const node of parsed.body.childNodes) {
    if (node.nodeName === "MARK") {
      // A Chinese word may come marked character by character: one mark.
      const last = out[out.length - 1];
      if (last?.nodeName === "MARK") {
        last.textContent += node.textContent;
        continue;
      }
      const m = doc.createElement("mark");
      m.textContent = node.textContent;
      out.push(m);
    } else {
      out.push(doc.createTextNode(node.textContent));
    }
  }
  return out;
}

// Words that attach to the next one, per language, and which words they
// attach to. Pagefind 1.6 indexes a word with everything but its letters
// and digits dropped, and splits it into parts only at ASCII punctuation
// (its fossick/splitting.rs): "l’éducation" (U+2019, as typeset texts
// write it) is indexed as the one word "léducation", which "éducation"
// does not find; "l'éducation" (ASCII) is found by both. So a query word
// that can take one is also searched with each attached form before it,
// joined as Pagefind joins them.
// - Arabic writes the conjunctions و and ف joined to the next word, and
//   Pagefind's Arabic stemmer (Snowball's) keeps them before the article
//   ال: the text's والتعبير ("and expression") is not found by التعبير.
// - French, Italian and Catalan elide an article, pronoun or preposition
//   before a vowel or a mute h (l’homme, dell’uomo, l’escola): the lists
//   are those of Lucene's ElisionFilter in its FrenchAnalyzer (the
//   filter's default), ItalianAnalyzer and CatalanAnalyzer. A word of
//   fewer than three letters is not varied: its joined forms would match,
//   as prefixes, words that have nothing to do with it.
// English needs nothing: "state’s" is indexed as "states", which the
// English stemmer makes "state".
const elides = (w) => [...w].length >= 3 && /^[aeiouyh\u00e6\u0153]/i.test(w.normalize("NFD"));
const ATTACHED = {
  ar: { takes: (w) => w.startsWith("\u0627\u0644"), forms: ["\u0648", "\u0641"] },
  ca: { takes: elides, forms: ["d", "l", "m", "n", "s", "t"] },
  fr: { takes: elides, forms: ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"] },
  it: {
    takes: elides,
    forms: ["c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl", "negl", "sugl", "un", "m", "t", "s", "v", "d"],
  },
};
// Only the two longest words of a query that can take an attached form
// are varied (the words, not "aux" or "une"); the others are searched as
// typed.
const MAX_VARIED_WORDS = 2;
// A query is searched as typed and as every combination of its words'
// forms found in the index, at most this many searches in all.
const MAX_SEARCHES = 9;

// joinedForms are the forms of each word of the query with something
// attached before it, as Pagefind indexes them ("éducation": "léducation",
// "déducation", …), empty for a word that takes none.
function joinedForms(words, lang) {
  const rule = ATTACHED[(lang || "").toLowerCase().split("-")[0]];
  // A phrase in quotes is searched exactly as typed.
  if (!rule || words.some((w) => w.includes('"'))) return words.map(() => []);
  // Letters only: a word typed with its apostrophe is already the joined word.
  const takes = (w) => /^[\p{L}\p{M}]+$/u.test(w) && rule.takes(w);
  const varied = [...words.keys()]
    .filter((i) => takes(words[i]))
    .sort((a, b) => [...words[b]].length - [...words[a]].length || a - b)
    .slice(0, MAX_VARIED_WORDS);
  return words.map((w, i) => (varied.includes(i) ? rule.forms.map((f) => f + w) : []));
}

// combinations of one form per word (forms[i][0] is the word as typed),
// the query as typed first, at most max of them.
function combinations(forms, max) {
  let out = [[]];
  for (const fs of forms) {
    out = out.flatMap((prefix) => fs.map((f) => [...prefix, f]));
  }
  return out.slice(0, max).map((ws) => ws.join(" "));
}

// searchWithAttached runs the query as typed and with the attached forms
// of its words. A joined form is kept only if the index has it: Pagefind
// searches a word it does not have as the longest word it has that begins
// it (its search.rs, find_word_extensions), so "céducation" would find
// every "ce" and "lexpression" every "le". An exact search ("…" in
// quotes) looks a word up with no such fallback: it is the probe, one per
// joined form (13 for a French word, 21 for an Italian one), each cheap,
// reading the index chunks the searches then reuse.
async function searchWithAttached(pf, query, lang, options) {
  const words = query.split(/\s+/);
  const joined = joinedForms(words, lang);
  const asTyped = pf.search(query, options);
  if (joined.every((fs) => fs.length === 0)) return [await asTyped];
  const found = await Promise.all(
    joined.map((fs) => Promise.all(fs.map(async (f) => ((await pf.search(`"${f}"`)).results.length > 0 ? f : null)))),
  );
  const forms = words.map((w, i) => [w, ...found[i].filter(Boolean)]);
  const others = combinations(forms, MAX_SEARCHES).slice(1);
  return [await asTyped, ...(await Promise.all(others.map((q) => pf.search(q, options))))];
}

// merged joins the results of a query's searches: each clause once, with
// its best score, best first.
function merged(runs) {
  if (runs.length === 1) return runs[0];
  const best = new Map();
  for (const run of runs) {
    for (const r of run.results) {
      if (!best.has(r.id) || best.get(r.id).score < r.score) best.set(r.id, r);
    }
  }
  return { results: [...best.values()].sort((a, b) => b.score - a.score) };
}
