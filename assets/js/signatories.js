// Search, filters and ordering for a signatories list
// (layouts/initiative.signatories.html). The page reads completely without
// this file: every entry is listed, grouped, with links to each group. With
// it, the controls filter in place and the choice is kept in the address
// (?q=…&category=…&status=…&sort=date), so a filtered list can be shared.
//
// A list longer than one page is searched in its JSON export, fetched on the
// first search; results link to each entry on its page.

// OpenCC's traditional → simplified character table, the very file the
// validator's duplicate check folds with (assets/hant/hant.json, which
// Hugo publishes beside this script), so searching 小紅書 finds 小红书. It
// is fetched only once a search holds a Han character: other searches, and
// the page itself, do without its 19 KB. Until then (or if it cannot be
// fetched) Han characters fold to themselves.
let simplified = null;
let tableLoad = null;

function loadTable(url, integrity) {
  tableLoad ||= fetch(url, integrity ? { integrity } : {})
    .then((response) => {
      if (!response.ok) throw new Error(response.statusText);
      return response.json();
    })
    .then((table) => {
      const chars = [...table.pairs];
      const map = new Map();
      for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i], chars[i + 1]);
      simplified = map;
    }, () => {
      simplified = new Map();
    });
  return tableLoad;
}

const HAN = /\p{Script=Han}/u;

// Characters that show nothing (Go: signatories.Invisible): dropped, so a
// zero-width space or a Hangul filler in a query or a name changes nothing.
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u2800]/u;
const KEPT = /[\p{L}\p{N}\p{M}]/u;

// Fold a name the way tools/signatories does for its duplicate check
// (signatories.Fold): width (ＪＤ → jd), case, traditional → simplified,
// punctuation, spaces and invisible characters dropped.
function fold(text) {
  let out = "";
  for (const ch of text.normalize("NFKC").toLowerCase()) {
    const c = (simplified && simplified.get(ch)) || ch;
    if (KEPT.test(c) && !INVISIBLE.test(c)) out += c;
  }
  return out.normalize("NFKC");
}

// The entry ID a fragment names. A fragment that is not valid
// percent-encoding (#%E0%A4%A, from a mangled link) names no entry rather
// than stopping the script.
function fragmentID(hash) {
  try {
    return decodeURIComponent(hash.slice(1));
  } catch {
    return "";
  }
}

const RESULTS_CAP = 200;

function readState(params) {
  return {
    q: params.get("q") || "",
    category: params.get("category") || "",
    status: params.get("status") || "",
    sort: params.get("sort") === "date" ? "date" : "name",
  };
}

function writeState(state) {
  const params = new URLSearchParams(location.search);
  for (const [key, value] of Object.entries(state)) {
    const isDefault = value === "" || (key === "sort" && value === "name");
    if (isDefault) params.delete(key);
    else params.set(key, value);
  }
  const query = params.toString();
  history.replaceState(history.state, "", (query ? "?" + query : location.pathname) + location.hash);
}

// An entry's folded names, folded again once the table has arrived.
function keyOf(entry) {
  if (entry.foldedWith !== simplified) {
    entry.key = fold(entry.text);
    entry.foldedWith = simplified;
  }
  return entry.key;
}

function matches(entry, state, q) {
  return (!state.category || entry.category === state.category) &&
    (!state.status || entry.status === state.status) &&
    (!q || keyOf(entry).includes(q));
}

function byDate(a, b) {
  return a.signed < b.signed ? 1 : a.signed > b.signed ? -1 : a.order - b.order;
}

// The export's URLs are absolute, for reuse elsewhere; on the site itself
// follow them on the host the page came from (a mirror, a local preview).
function sameSite(url) {
  const u = new URL(url, location.href);
  return u.pathname + u.hash;
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
}

// The entries on this page, read from the markup: the status is the
// group's (active entries are grouped by category), the date the <time>'s.
function pageEntries(doc) {
  return [...doc.querySelectorAll("li.signatory")].map((li, order) => {
    const group = li.closest(".signatory-group");
    const time = li.querySelector("time");
    return {
      li,
      order,
      category: li.dataset.category,
      status: group && group.dataset.groupKind === "status" ? group.dataset.group : "active",
      signed: time ? time.dateTime : "",
      text: [...li.querySelectorAll(".signatory-name a, .signatory-other-names span")]
        .map((el) => el.textContent).join("\n"),
    };
  });
}

// Whole list on one page: hide what does not match, hide empty groups,
// and order each group by name (the page's order) or by date.
function filterInPlace(doc, entries, state) {
  const q = fold(state.q);
  let shown = 0;
  for (const entry of entries) {
    const show = matches(entry, state, q);
    entry.li.hidden = !show;
    if (show) shown++;
  }
  const sorted = [...entries].sort(state.sort === "date" ? byDate : (a, b) => a.order - b.order);
  for (const entry of sorted) entry.li.parentElement.append(entry.li);
  for (const group of doc.querySelectorAll(".signatory-group")) {
    group.hidden = !group.querySelector("li.signatory:not([hidden])");
  }
  return shown;
}

// The direction to mark on an element holding text in the language tagged
// tag: "" when it is the page's own, "auto" for a language the site does
// not have (the browser then reads it from the text). dirs maps each site
// locale, lower-cased, and its primary subtag to "ltr" or "rtl".
function dirFor(doc, dirs, tag) {
  const lower = (tag || "").toLowerCase();
  const dir = dirs[lower] || dirs[lower.split("-")[0]] || "auto";
  return dir === (doc.documentElement.dir || "ltr") ? "" : dir;
}

// What stands in for a name or text the page's language lacks, as the list
// page does it (layouts/_partials/signatories/fallback.html): the original
// name, else the source language's text, else the first site language's.
function fallback(text, original, data) {
  if (original && original.name) return { text: original.name, lang: original.lang, key: "" };
  for (const key of [data.sourceLanguage, ...data.languages]) {
    if (text && text[key]) return { text: text[key], lang: "", key };
  }
  return null;
}

// Draw one entry of the JSON export: its name linking to the entry on its
// page, its other names (each with its language and, where it is not the
// page's, its direction), category, status and date. A name the page's
// language lacks is shown as the list shows it, marked as not yet
// translated. Text only, never HTML.
function resultItem(doc, entry, data, ui) {
  const { labels, locales, dirs } = ui;
  const span = (text, tag) => {
    const el = doc.createElement("span");
    el.textContent = text;
    if (tag) {
      el.lang = tag;
      const dir = dirFor(doc, dirs, tag);
      if (dir) el.dir = dir;
    }
    return el;
  };
  const li = doc.createElement("li");
  li.className = "signatory signatory-result";
  const p = doc.createElement("p");
  p.className = "signatory-name";
  const a = doc.createElement("a");
  a.href = sameSite(entry.url);
  p.append(a);
  const own = entry.name && entry.name[data.language];
  const stand = own ? null : fallback(entry.name, entry.original, data);
  if (own || !stand) {
    a.textContent = own || entry.id;
  } else {
    a.append(span(stand.text, stand.lang || locales[stand.key]));
    const note = doc.createElement("small");
    note.className = "signatory-untranslated";
    note.textContent = ui.untranslated;
    p.append(" ", note);
  }
  li.append(p);
  const names = doc.createElement("p");
  names.className = "signatory-other-names";
  const shown = [a.textContent];
  for (const [key, name] of Object.entries(entry.name || {})) {
    if (!shown.includes(name)) {
      names.append(span(name, locales[key]));
      shown.push(name);
    }
  }
  if (entry.original && !shown.includes(entry.original.name)) {
    names.append(span(entry.original.name, entry.original.lang));
  }
  const facts = doc.createElement("p");
  facts.className = "signatory-result-facts";
  facts.textContent = [labels[entry.category], labels[entry.status], entry.signed].filter(Boolean).join(" · ");
  li.append(names, facts);
  return li;
}

function start(doc) {
  const form = doc.querySelector("form.signatory-filters");
  if (!form) return;
  const msg = form.dataset;
  const ui = {
    labels: JSON.parse(msg.labels || "{}"),
    locales: JSON.parse(msg.locales || "{}"),
    dirs: JSON.parse(msg.dirs || "{}"),
    untranslated: msg.msgUntranslated || "",
  };
  const complete = msg.complete === "true";
  const total = Number(msg.total);
  const status = form.querySelector(".filter-result");
  const lists = doc.querySelector(".signatory-lists");
  const pager = doc.querySelector(".signatory-pager");
  const entries = pageEntries(doc);
  let exported = null;

  const loadExport = () => {
    exported ||= fetch(msg.json)
      .then((response) => {
        if (!response.ok) throw new Error(response.statusText);
        return response.json();
      })
      .then((data) => {
        // The language's own locale (zh-Hans collates by pinyin, as on the
        // page), whatever the site's languages are.
        const collator = new Intl.Collator(ui.locales[data.language] || data.language);
        const list = data.signatories.map((e, order) => ({
          ...e,
          order,
          text: [...Object.values(e.name || {}), (e.original || {}).name || ""].join("\n"),
        }));
        // As the list page: by the name in this language, or the one shown
        // in its place.
        const sortName = (e) => (e.name || {})[data.language] || (e.original || {}).name || e.id;
        list.sort((a, b) => collator.compare(sortName(a), sortName(b)));
        list.forEach((e, i) => { e.order = i; });
        return {
          language: data.language,
          languages: data.languages || [],
          sourceLanguage: data.sourceLanguage || "",
          list,
        };
      });
    return exported;
  };

  let results = null;
  const showResults = async (state) => {
    status.textContent = msg.msgLoading;
    let data;
    try {
      data = await loadExport();
    } catch {
      status.textContent = msg.msgFailed;
      return;
    }
    const q = fold(state.q);
    const found = data.list.filter((e) => matches(e, state, q));
    if (state.sort === "date") found.sort(byDate);
    if (!results) {
      results = doc.createElement("ol");
      results.className = "signatory-list signatory-results";
      lists.before(results);
    }
    results.replaceChildren(...found.slice(0, RESULTS_CAP).map((e) => resultItem(doc, e, data, ui)));
    results.hidden = false;
    lists.hidden = true;
    if (pager) pager.hidden = true;
    const values = { shown: Math.min(found.length, RESULTS_CAP), total: found.length };
    status.textContent = fill(found.length > RESULTS_CAP ? msg.msgCapped : msg.msgShowing, values);
  };

  let current = null;
  const apply = (state) => {
    current = state;
    if (HAN.test(state.q) && !simplified) {
      status.textContent = msg.msgLoading;
      loadTable(msg.hant, msg.hantIntegrity).then(() => apply(current));
      return;
    }
    const filtered = state.q || state.category || state.status || state.sort !== "name";
    if (complete) {
      const shown = filterInPlace(doc, entries, state);
      status.textContent = filtered ? fill(msg.msgShowing, { shown, total }) : "";
    } else if (filtered) {
      showResults(state);
    } else {
      if (results) results.hidden = true;
      lists.hidden = false;
      if (pager) pager.hidden = false;
      status.textContent = "";
    }
  };

  const controls = form.elements;
  const fromForm = () => readState(new URLSearchParams({
    q: controls.q.value.trim(),
    category: controls.category.value,
    status: controls.status.value,
    sort: controls.sort.value,
  }));

  const state = readState(new URLSearchParams(location.search));
  controls.q.value = state.q;
  controls.category.value = state.category;
  controls.status.value = state.status;
  controls.sort.value = state.sort;
  form.hidden = false;
  apply(state);

  const update = () => {
    const next = fromForm();
    writeState(next);
    apply(next);
  };
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });

  // A link to an entry on another page of a long list (#id with no such
  // element here) goes to the page that holds it.
  const id = fragmentID(location.hash);
  if (id && !complete && !doc.getElementById(id)) {
    loadExport().then((data) => {
      const entry = data.list.find((e) => e.id === id);
      if (entry) location.replace(sameSite(entry.url));
    }, () => {});
  }
}

start(document);
